using LocalMultimodal.Samples;
using LocalMultimodal.Samples.AgentFramework;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var (model, projector) = SampleModel.Resolve(args);
var (png, wav) = SampleMedia.Resolve(args);

var services = new ServiceCollection();
services.AddLocalMultimodalChatClient(options =>
{
    options.Engine.ModelPath = model;
    options.Engine.ProjectorPath = projector;
});
await using var provider = services.BuildServiceProvider();

var answers = await AgentFrameworkSample.RunAsync(provider.GetRequiredService<IChatClient>(), png, wav);
Console.WriteLine($"Picture: {answers[0]}");
Console.WriteLine($"Sound:   {answers[1]}");
Console.WriteLine($"Again:   {answers[2]}");

var (paint, lookups) = await AgentFrameworkSample.RunWithToolAsync(provider.GetRequiredService<IChatClient>(), png);
Console.WriteLine($"Tool:    find_paint called for {string.Join(", ", lookups)}");
Console.WriteLine($"Paint:   {paint}");
