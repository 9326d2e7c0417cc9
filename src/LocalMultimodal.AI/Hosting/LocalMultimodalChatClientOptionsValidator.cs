using LocalMultimodal.Hub;
using Microsoft.Extensions.Options;

namespace LocalMultimodal.AI.Hosting;

/// <summary>Checks the options at start-up, so a wrong path is reported before the first request, not by it.</summary>
internal sealed class LocalMultimodalChatClientOptionsValidator : IValidateOptions<LocalMultimodalChatClientOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalMultimodalChatClientOptions options)
    {
        var failures = new List<string>();
        if (options.Engine is null)
        {
            failures.Add("LocalMultimodalChatClientOptions.Engine must be set.");
        }
        else if (options.DemoModel is { } layout && !options.DemoModelApplied)
        {
            failures.Add($"LocalMultimodalChatClientOptions.DemoModel ({layout}) serves the built-in model; leave Engine.ModelPath and Engine.ProjectorPath unset.");
        }
        else
        {
            Try(failures, options.Engine.Validate);
            if (!ModelReference.TryParse(options.Engine.ModelPath, out _))
            {
                // A hub model (owner/repo[:quant]) is fetched when the engine loads, not checked here.
                RequireFile(failures, options.Engine.ModelPath, "Engine.ModelPath", "model");
            }

            RequireFile(failures, options.Engine.ProjectorPath, "Engine.ProjectorPath", "projector (mmproj)");
        }

        if (options.Fetch is null)
        {
            failures.Add("LocalMultimodalChatClientOptions.Fetch must be set.");
        }
        else
        {
            Try(failures, options.Fetch.Validate);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Try(List<string> failures, Action validate)
    {
        try
        {
            validate();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            failures.Add(e.Message);
        }
    }

    private static void RequireFile(List<string> failures, string? path, string setting, string what)
    {
        if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
        {
            failures.Add($"The {what} file '{path}' ({setting}) does not exist.");
        }
    }
}
