using LocalMultimodal.Samples;
using LocalMultimodal.Samples.TypedOutput;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var (model, projector) = SampleModel.Resolve(args);
var (png, _) = SampleMedia.Resolve(args);

var services = new ServiceCollection();
services.AddLocalMultimodalChatClient(options =>
{
    options.Engine.ModelPath = model;
    options.Engine.ProjectorPath = projector;
});
await using var provider = services.BuildServiceProvider();

ColourReport report = await TypedOutputSample.RunAsync(provider.GetRequiredService<IChatClient>(), png);
Console.WriteLine($"Report: {report}");
Console.WriteLine($"Colour: {report.Colour}");
