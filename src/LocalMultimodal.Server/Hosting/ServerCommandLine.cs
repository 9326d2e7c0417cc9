using System.Globalization;
using System.Text;
using System.Text.Json;
using LocalMultimodal.Media;

namespace LocalMultimodal.Server.Hosting;

/// <summary>
/// Parses the server's flags. vLLM's names where vLLM has one, so a <c>vllm serve</c> command line carries over.
/// Written by hand: a couple of dozen flags do not need a parsing library.
/// </summary>
internal static class ServerCommandLine
{
    /// <summary>The environment variable that holds the API key (the flag wins).</summary>
    public const string ApiKeyVariable = "LOCALMM_API_KEY";

    /// <summary>vLLM's name for the API key variable, accepted too.</summary>
    public const string VllmApiKeyVariable = "VLLM_API_KEY";

    public static IReadOnlyList<Flag> Flags { get; } =
    [
        new("--model", "PATH|REPO[:QUANT]", "built-in generated model", "Language model: a GGUF file, owner/repo[:quant] on the Hugging Face hub, downloaded and cached (also -hf), or demo[:LAYOUT] for the built-in model (demo:qwen2.5-vl in the Qwen2.5-VL layout).", (o, v) => o.ModelPath = v[0]),
        new("--mmproj", "PATH", "built-in projector; none with a --model path; the repository's mmproj*.gguf with a hub model", "Multimodal projector GGUF file.", (o, v) => o.ProjectorPath = v[0]),
        new("--offline", null, "off (on with HF_HUB_OFFLINE=1)", "Take hub models from the cache only; never use the network.", (o, _) => o.Offline = true),
        new("--served-model-name", "NAME...", "the model's name", "Names accepted in \"model\"; the first is reported.", (o, v) => o.ServedModelNames = [.. v], Multiple: true),
        new("--host", "HOST", "127.0.0.1", "Address to listen on.", (o, v) => o.Host = v[0]),
        new("--port", "PORT", "8000", "Port to listen on (0 picks a free one).", (o, v) => o.Port = Int(v[0], "--port", 0, 65535)),
        new("--api-key", "KEY", $"${ApiKeyVariable} or ${VllmApiKeyVariable}, else none", "Bearer key required on every route but /health and the chat page's files.", (o, v) => o.ApiKey = v[0]),
        new("--allowed-media-domains", "HOST...", "any host", "Only fetch media URLs on these hosts.", (o, v) => o.Fetch.AllowedDomains = [.. v], Multiple: true),
        new("--allowed-local-media-path", "DIR", "none (file: URLs refused)", "Serve file: media URLs from below this folder.", (o, v) => o.Fetch.AllowedLocalMediaPath = Path.GetFullPath(v[0])),
        new("--allow-private-media-addresses", null, "off", "Fetch media from loopback, private and link-local addresses.", (o, _) => o.Fetch.AllowPrivateAddresses = true),
        new("--limit-mm-per-prompt", "JSON", "no limit", "Most media items per prompt, e.g. '{\"image\":2,\"audio\":1,\"video\":1}'.", (o, v) => o.LimitPerPrompt = Limits(v[0])),
        new("--enable-mm-embeds", null, "off", "Accept image_embeds and audio_embeds parts (torch.save, .npy or safetensors tensors, base64).", (o, _) => o.EnableMediaEmbeds = true),
        new("--media-io-kwargs", "JSON", "{}", "Media options: image.rgba_background_color [R,G,B], video.num_frames (default 8, also the ceiling of a request's own), video.fps (most frames per second; none by default), video.frame_recovery, audio.max_duration_s; e.g. '{\"image\":{\"rgba_background_color\":[0,0,0]},\"video\":{\"num_frames\":8,\"frame_recovery\":true}}'.", (o, v) => o.MediaIo = MediaIoKwargs.Parse(v[0])),
        new("--chat-template", "NAME|FILE|TEXT", "the model's own", "Chat template: a llama.cpp template name, a Jinja file, or Jinja text.", (o, v) => o.ChatTemplate = File.Exists(v[0]) ? File.ReadAllText(v[0]) : v[0]),
        new("--default-chat-template-kwargs", "JSON", "{}", "Template variables for every request, e.g. '{\"enable_thinking\":false}'; a request's chat_template_kwargs win.", (o, v) => o.DefaultChatTemplateKwargs = TemplateKwargs(v[0])),
        new("--ctx-size", "N", "4096", "Context length of each sequence, in tokens.", (o, v) => o.ContextSize = Int(v[0], "--ctx-size", 64, 1 << 24)),
        new("--parallel", "N", "4", "Requests decoded at once.", (o, v) => o.Parallel = Int(v[0], "--parallel", 1, 256)),
        new("--image-min-tokens", "N", "projector's", "Fewest tokens an image takes with a dynamic-resolution projector (Qwen-VL); smaller images are resized up.", (o, v) => o.ImageMinTokens = Int(v[0], "--image-min-tokens", 1, 65_536)),
        new("--image-max-tokens", "N", "projector's", "Most tokens an image takes with a dynamic-resolution projector (Qwen-VL); larger images are resized down.", (o, v) => o.ImageMaxTokens = Int(v[0], "--image-max-tokens", 1, 65_536)),
        new("--max-queued-requests", "N", "64", "Requests that may wait for a sequence; more get 429.", (o, v) => o.MaxQueuedRequests = Int(v[0], "--max-queued-requests", 1, 100_000)),
        new("--max-num-batched-tokens", "N", "512", "Prompt positions decoded per step; long prompts prefill in pieces of this size.", (o, v) => o.MaxNumBatchedTokens = Int(v[0], "--max-num-batched-tokens", 16, 65_536)),
        new("--no-enable-prefix-caching", null, "on", "Do not reuse the KV cache of prompts that begin the same way.", (o, _) => o.EnablePrefixCaching = false),
        new("--mm-processor-cache-gb", "GIB", "0.25", "Projector output kept for repeated media, in GiB; 0 disables the media cache.", (o, v) => o.MediaCacheGiB = Double(v[0], "--mm-processor-cache-gb", 0, 1024)),
        new("--gpu-layers", "N", "0", "Layers offloaded to the GPU (CUDA build only).", (o, v) => o.GpuLayers = Int(v[0], "--gpu-layers", 0, 100_000)),
        new("--max-request-bytes", "N", "67108864", "Largest request body accepted (413 above).", (o, v) => o.MaxRequestBytes = Int(v[0], "--max-request-bytes", 1024, int.MaxValue)),
        new("--no-webui", null, "on", "Do not serve the chat page at /.", (o, _) => o.WebUi = false),
        new("--help", null, "", "Show this help and exit.", (_, _) => { }),
        new("--version", null, "", "Print the version and the llama.cpp build, and exit.", (_, _) => { }),
    ];

    /// <summary>True when the arguments ask for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    /// <summary>Parses the flags over the environment's settings.</summary>
    /// <exception cref="FormatException">A flag is unknown, lacks its value, or has a bad one; the message names it.</exception>
    /// <exception cref="InvalidOperationException">A fetch environment variable is bad; the message names it.</exception>
    public static ServerOptions Parse(IReadOnlyList<string> args, Func<string, string?> getVariable)
    {
        var options = new ServerOptions { GetVariable = getVariable };
        options.Fetch.ApplyEnvironment(getVariable);
        options.ApiKey = NonEmpty(getVariable(ApiKeyVariable)) ?? NonEmpty(getVariable(VllmApiKeyVariable));
        for (int i = 0; i < args.Count; i++)
        {
            string[] nameAndValue = args[i].Split('=', 2);
            if (nameAndValue[0] == "-hf")
            {
                nameAndValue[0] = "--model"; // llama-server's flag for a hub model
            }

            var flag = Flags.FirstOrDefault(f => f.Name == nameAndValue[0])
                ?? throw new FormatException($"Unknown argument '{args[i]}'. Run with --help to list the flags.");
            var values = new List<string>();
            if (nameAndValue.Length == 2)
            {
                values.Add(nameAndValue[1]);
            }
            else if (flag.ValueName is not null)
            {
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && (flag.Multiple || values.Count == 0))
                {
                    values.Add(args[++i]);
                }
            }

            if (flag.ValueName is null && values.Count > 0)
            {
                throw new FormatException($"{flag.Name} takes no value.");
            }

            if (flag.ValueName is not null && values.Count == 0)
            {
                throw new FormatException($"{flag.Name} needs a value ({flag.ValueName}).");
            }

            flag.Apply(options, values);
        }

        if (options.ProjectorPath is not null && options.ModelPath is null)
        {
            throw new FormatException("--mmproj needs --model: the built-in model comes with its own projector.");
        }

        if (options.ModelPath is { } model && BuiltInModel.Names(model, out var layout))
        {
            if (layout is null)
            {
                throw new FormatException($"--model {model}: no such demo layout; use demo or demo:LAYOUT with one of {string.Join(", ", BuiltInModel.LayoutNames)}.");
            }

            if (options.ProjectorPath is not null)
            {
                throw new FormatException("--mmproj cannot be used with --model demo: the built-in model comes with its own projector.");
            }
        }

        return options;
    }

    /// <summary>The <c>--help</c> text: every flag with its default.</summary>
    public static string HelpText()
    {
        var text = new StringBuilder();
        text.AppendLine("LocalMultimodal server: an OpenAI-compatible API for local multimodal models.");
        text.AppendLine();
        text.AppendLine("Usage: localmm [serve] [flags]      serve (the default)");
        text.AppendLine("       localmm pull REPO[:QUANT]     download a hub model (and its projector) into the cache, without serving");
        text.AppendLine("       localmm list                  list the models in the cache");
        text.AppendLine("       localmm --version             the version and the llama.cpp build");
        text.AppendLine();
        text.AppendLine("Flags:");
        foreach (var flag in Flags)
        {
            string name = flag.ValueName is null ? flag.Name : $"{flag.Name} {flag.ValueName}";
            string @default = flag.Default.Length == 0 ? "" : $" (default: {flag.Default})";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-42} {flag.Description}{@default}");
        }

        text.AppendLine();
        text.AppendLine("Environment:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {ApiKeyVariable,-42} API key, when --api-key is not given ({VllmApiKeyVariable} is read too).");
        text.AppendLine("  LOCALMM_IMAGE_FETCH_TIMEOUT                Seconds to fetch one image (default: 5; VLLM_IMAGE_FETCH_TIMEOUT is read too).");
        text.AppendLine("  LOCALMM_AUDIO_FETCH_TIMEOUT                Seconds to fetch one audio clip (default: 10; VLLM_AUDIO_FETCH_TIMEOUT is read too).");
        text.AppendLine("  LOCALMM_VIDEO_FETCH_TIMEOUT                Seconds to fetch one video (default: 30; VLLM_VIDEO_FETCH_TIMEOUT is read too).");
        text.AppendLine("  LOCALMM_MEDIA_URL_ALLOW_REDIRECTS          0 to refuse redirects when fetching media (default: 1; VLLM_MEDIA_URL_ALLOW_REDIRECTS is read too).");
        text.AppendLine("  HF_ENDPOINT                                The hub for owner/repo models (default: https://huggingface.co).");
        text.AppendLine("  HF_TOKEN                                   Access token for gated and private repositories (sent to the hub's host only).");
        text.AppendLine("  HF_HUB_CACHE                               The model cache (default: $HF_HOME/hub, else ~/.cache/huggingface/hub).");
        text.AppendLine("  HF_HUB_OFFLINE                             1 to use the cache only, as --offline.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"On SIGTERM the server stops accepting requests and lets running ones finish for up to {ServerOptions.DrainTimeout.TotalSeconds:0} s.");
        return text.ToString();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int Int(string value, string flag, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{flag} must be a whole number from {min} to {max}, not '{value}'.");

    private static double Double(string value, string flag, double min, double max) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{flag} must be a number from {min} to {max}, not '{value}'.");

    private static System.Text.Json.Nodes.JsonObject TemplateKwargs(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonObject
                ?? throw new FormatException("--default-chat-template-kwargs must be a JSON object such as '{\"enable_thinking\":false}'.");
        }
        catch (JsonException)
        {
            throw new FormatException("--default-chat-template-kwargs must be a JSON object such as '{\"enable_thinking\":false}'.");
        }
    }

    private static Dictionary<MediaModality, int> Limits(string json)
    {
        var limits = new Dictionary<MediaModality, int>();
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var modality = entry.Name switch
                {
                    "image" => MediaModality.Image,
                    "audio" => MediaModality.Audio,
                    "video" => MediaModality.Video,
                    _ => throw new FormatException($"--limit-mm-per-prompt: unknown modality '{entry.Name}'; use image, audio or video."),
                };
                limits[modality] = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out int limit) && limit >= 0
                    ? limit
                    : throw new FormatException($"--limit-mm-per-prompt: '{entry.Name}' must be a whole number of at least 0.");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException("--limit-mm-per-prompt must be a JSON object such as '{\"image\":2,\"audio\":1}'.");
        }

        return limits;
    }
}
