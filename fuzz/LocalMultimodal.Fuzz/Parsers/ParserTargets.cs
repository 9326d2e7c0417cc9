using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Gguf;
using LocalMultimodal.Jinja;
using LocalMultimodal.Grammar;
using LocalMultimodal.Media;
using LocalMultimodal.Media.Tensors;
using LocalMultimodal.Sampling;
using LocalMultimodal.Server.Endpoints;
using LocalMultimodal.Server.Errors;
using LocalMultimodal.Server.Protocol;

namespace LocalMultimodal.Fuzz.Parsers;

/// <summary>
/// Every parser that reads untrusted bytes, as a fuzz target: it returns for any input that the parser accepts
/// or refuses with its own documented error, and throws (a defect) for anything else. The same targets run under
/// afl++ (<c>fuzz/run.sh</c>) and as CsCheck property tests.
/// </summary>
internal static class ParserTargets
{
    // Options are made per call: under afl, instrumented code (the engine's) must not run before the fuzz loop starts.
    private static ImageMediaOptions ImageOptions => new() { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 4096L * 4096 };

    private static AudioMediaOptions AudioOptions => new() { MaxDurationSeconds = 60 };

    private static TensorLimits Limits => new() { MaxBytes = 16L << 20, MaxElements = 4L << 20 };

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["gguf"] = Refusing<GgufFormatException>(bytes => GgufReader.Read(new MemoryStream(bytes, writable: false), "fuzz.gguf")),
        ["data-url"] = Refusing<MediaFetchException>(bytes => DataUrl.Decode("data:" + Encoding.UTF8.GetString(bytes), maxBytes: 1 << 20)),
        ["image"] = Refusing<InvalidRequestException>(bytes => ImagePreparer.Prepare(ImageInput.FromEncoded(bytes), ImageOptions)),
        ["wav"] = Refusing<InvalidRequestException>(bytes => WavDecoder.DecodeMono(bytes, AudioOptions, out _)),
        ["torch"] = Refusing<InvalidRequestException>(bytes => TensorDecoder.Decode(bytes, Limits)),
        ["pickle"] = Refusing<InvalidRequestException>(bytes => TorchPickleReader.Read(bytes)),
        ["npy"] = Refusing<InvalidRequestException>(bytes => TensorDecoder.Decode(bytes, Limits)),
        ["safetensors"] = Refusing<InvalidRequestException>(bytes => TensorDecoder.DecodeAll(bytes, Limits)),
        ["request-json"] = RequestJson,
        ["jinja"] = JinjaTemplateSource,
        ["json-schema"] = JsonSchemaToGrammar,
        ["gbnf"] = Refusing<InvalidRequestException>(bytes => GbnfChecker.Check(Encoding.UTF8.GetString(bytes), "root")),
    };

    /// <summary>The parser, with its own documented error counted as a clean refusal.</summary>
    private static Action<byte[]> Refusing<TError>(Action<byte[]> parse)
        where TError : Exception => bytes =>
        {
            try
            {
                parse(bytes);
            }
            catch (TError)
            {
            }
        };

    /// <summary>
    /// A chat template from a model file, parsed and rendered on a chat with tools, as the engine renders one: a
    /// template may be refused at parse or at render, but only with the sandbox's own errors and within its limits.
    /// </summary>
    private static void JinjaTemplateSource(byte[] bytes)
    {
        try
        {
            JinjaTemplate.Parse(Encoding.UTF8.GetString(bytes)).Render(ChatContext());
        }
        catch (JinjaParseException)
        {
        }
        catch (JinjaRenderException)
        {
        }
    }

    // Made per call, as the options above: under afl nothing of ours runs before the fuzz loop starts.
    private static JsonObject ChatContext() => (JsonObject)JsonNode.Parse("""
        {
          "messages": [
            {"role": "system", "content": "You name colours."},
            {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "What colour?"}]},
            {"role": "assistant", "content": "", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "find_paint", "arguments": {"colour": "red"}}}]},
            {"role": "tool", "tool_call_id": "call_1", "name": "find_paint", "content": "Signal Red"},
            {"role": "assistant", "content": "red"},
            {"role": "user", "content": "And now?"}
          ],
          "tools": [{"type": "function", "function": {"name": "find_paint", "description": "Finds a paint.", "parameters": {"type": "object", "properties": {"colour": {"type": "string", "enum": ["red", "blue"]}}, "required": ["colour"]}}}],
          "add_generation_prompt": true,
          "bos_token": "<s>",
          "eos_token": "</s>"
        }
        """)!;

    /// A schema from untrusted JSON to GBNF: refused with <see cref="InvalidRequestException"/> or converted to a
    /// grammar that the GBNF checker (and so llama.cpp's parser) accepts; anything else is a defect.
    /// </summary>
    private static void JsonSchemaToGrammar(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            string grammar;
            try
            {
                grammar = JsonSchemaConverter.Convert(document.RootElement);
            }
            catch (InvalidRequestException)
            {
                return;
            }

            GbnfChecker.Check(grammar, "root");
        }
    }

    /// <summary>The server's reading of a chat request up to the media fetch: anything but a 4xx is a defect.</summary>
    private static void RequestJson(byte[] bytes)
    {
        try
        {
            var request = JsonSerializer.Deserialize(bytes, ServerJsonContext.Default.ChatCompletionRequest)
                ?? throw ApiException.BadRequest("The request body must be a JSON object.");
            SamplingMapper.Map(request);
            RequestMediaIo.ReadVideo(request.MediaIoKwargs, 8);
            RequestProcessorKwargs.ReadPixelBudget(request.MmProcessorKwargs);
            MessageReader.Read(request.Messages, embedsEnabled: true);
        }
        catch (Exception e) when (ApiError.From(e, 1 << 20).StatusCode is >= 400 and < 500)
        {
        }
    }
}
