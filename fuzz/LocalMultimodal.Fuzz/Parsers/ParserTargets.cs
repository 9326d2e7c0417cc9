using System.Text;
using System.Text.Json;
using LocalMultimodal.Errors;
using LocalMultimodal.Fetching;
using LocalMultimodal.Gguf;
using LocalMultimodal.Media;
using LocalMultimodal.Media.Tensors;
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
        ["gguf"] = Gguf,
        ["data-url"] = DataUrlTarget,
        ["image"] = ImageTarget,
        ["wav"] = Wav,
        ["torch"] = Tensor,
        ["pickle"] = Pickle,
        ["npy"] = Tensor,
        ["safetensors"] = Safetensors,
        ["request-json"] = RequestJson,
    };

    private static void Gguf(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            GgufReader.Read(stream, "fuzz.gguf");
        }
        catch (GgufFormatException)
        {
        }
    }

    private static void DataUrlTarget(byte[] bytes)
    {
        try
        {
            DataUrl.Decode("data:" + Encoding.UTF8.GetString(bytes), maxBytes: 1 << 20);
        }
        catch (MediaFetchException)
        {
        }
    }

    private static void ImageTarget(byte[] bytes)
    {
        try
        {
            ImagePreparer.Prepare(ImageInput.FromEncoded(bytes), ImageOptions);
        }
        catch (InvalidRequestException)
        {
        }
    }

    private static void Wav(byte[] bytes)
    {
        try
        {
            WavDecoder.DecodeMono(bytes, AudioOptions, out _);
        }
        catch (InvalidRequestException)
        {
        }
    }

    private static void Tensor(byte[] bytes)
    {
        try
        {
            TensorDecoder.Decode(bytes, Limits);
        }
        catch (InvalidRequestException)
        {
        }
    }

    private static void Pickle(byte[] bytes)
    {
        try
        {
            TorchPickleReader.Read(bytes);
        }
        catch (InvalidRequestException)
        {
        }
    }

    private static void Safetensors(byte[] bytes)
    {
        try
        {
            TensorDecoder.DecodeAll(bytes, Limits);
        }
        catch (InvalidRequestException)
        {
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
            RequestMediaIo.ReadVideoNumFrames(request.MediaIoKwargs, 8);
            MessageReader.Read(request.Messages, embedsEnabled: true);
        }
        catch (Exception e) when (ApiError.From(e, 1 << 20).StatusCode is >= 400 and < 500)
        {
        }
    }
}
