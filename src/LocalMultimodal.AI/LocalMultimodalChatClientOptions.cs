using LocalMultimodal.Fetching;
using LocalMultimodal.Models;

namespace LocalMultimodal.AI;

/// <summary>
/// Settings of the chat client that <c>services.AddLocalMultimodalChatClient(...)</c> registers. Bindable from
/// configuration and validated at start-up: a missing model file stops the host before the first request.
/// </summary>
public sealed class LocalMultimodalChatClientOptions
{
    /// <summary>The model, the projector and how the engine runs them.</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>
    /// Where <see cref="Microsoft.Extensions.AI.UriContent"/> media may be fetched from. The <c>LOCALMM_*</c> and
    /// <c>VLLM_*</c> fetch environment variables, when set, override the timeouts and the redirect switch.
    /// </summary>
    public MediaFetchOptions Fetch { get; set; } = new();

    /// <summary>
    /// Load the model when the host starts (the default), so the first request does not wait for it and a broken file
    /// stops the start. When false, or when no host runs the hosted services, the model loads on the first request.
    /// Either way it loads once and is shared by every request.
    /// </summary>
    public bool LoadAtStartup { get; set; } = true;

    /// <summary>
    /// The model id the client reports (<c>ChatClientMetadata.DefaultModelId</c>, <c>ChatResponse.ModelId</c>) and
    /// accepts in <c>ChatOptions.ModelId</c>. Default: the model file's name without its extension.
    /// </summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Serve the built-in colour demo model in this layout (configuration: <c>DemoModel: Qwen25VL</c>) instead of
    /// <c>Engine.ModelPath</c> and <c>Engine.ProjectorPath</c>, which must then stay unset: its files are written to
    /// <see cref="DemoModelFolder"/> at start-up. <see cref="DemoModelLayout.Qwen25VL"/> is the Qwen2.5-VL layout
    /// (M-RoPE); <see cref="DemoModelLayout.Omni"/> is the server's default demo. Null (the default): no demo model.
    /// </summary>
    public DemoModelLayout? DemoModel { get; set; }

    /// <summary>Where <see cref="DemoModel"/> is written; default <see cref="Models.DemoModel.DefaultFolder"/>.</summary>
    public string? DemoModelFolder { get; set; }

    /// <summary>Set once the demo model's paths were filled in, so they are not taken for paths the user gave.</summary>
    internal bool DemoModelApplied { get; set; }

    internal string ResolveModelId() =>
        string.IsNullOrWhiteSpace(ModelId) ? Path.GetFileNameWithoutExtension(Engine.ModelPath) : ModelId;

    /// <summary>Writes the demo model and points the engine at it, when <see cref="DemoModel"/> asks for it and no paths were given.</summary>
    internal void ApplyDemoModel()
    {
        if (DemoModel is not { } layout || Engine is null || !string.IsNullOrWhiteSpace(Engine.ModelPath) || Engine.ProjectorPath is not null)
        {
            return;
        }

        var files = Models.DemoModel.EnsureWritten(DemoModelFolder ?? Models.DemoModel.DefaultFolder, layout);
        Engine.ModelPath = files.Llm;
        Engine.ProjectorPath = files.Projector;
        ModelId ??= Models.DemoModel.Name;
        DemoModelApplied = true;
    }
}
