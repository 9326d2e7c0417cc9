using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LocalMultimodal.Gguf;
using LocalMultimodal.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace LocalMultimodal.Fuzz.Parsers;

/// <summary>Small valid inputs for each parser target: afl++'s starting corpus and the property tests' base cases.</summary>
internal static class ParserSeeds
{
    private static readonly string SeedFolder = Path.Combine(AppContext.BaseDirectory, "Seeds");

    public static IReadOnlyList<byte[]> For(string target) => target switch
    {
        "gguf" => [Gguf()],
        "data-url" =>
        [
            Encoding.UTF8.GetBytes("image/png;base64," + Convert.ToBase64String(Images()[0])),
            "text/plain;charset=US-ASCII,hello%20world"u8.ToArray(),
            ";base64,AAEC"u8.ToArray(),
            "audio/wav,%52%49%46%46"u8.ToArray(),
        ],
        "image" => Images(),
        "wav" => [Wavs.Tone(440, 16000, 1, seconds: 0.01), Wavs.Tone(440, 8000, 2, seconds: 0.01), FloatWav()],
        "torch" => Files("*.pt"),
        "pickle" => Files("*.pt").Select(PickleOf).ToArray(),
        "npy" => Files("*.npy"),
        "safetensors" => [Safetensors()],
        "request-json" => Requests(),
        "jinja" => Files("*.jinja"),
        "json-schema" =>
        [
            """{"type":"object","properties":{"colour":{"enum":["red","blue"]},"n":{"type":["integer","null"]},"tags":{"type":"array","items":{"type":"string","maxLength":4},"minItems":1,"maxItems":3}},"required":["colour"]}"""u8.ToArray(),
            """{"$defs":{"node":{"type":"object","properties":{"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}}}},"$ref":"#/$defs/node"}"""u8.ToArray(),
            """{"oneOf":[{"const":{"a":[1,"x\"y"]}},{"type":"string","format":"date-time"}]}"""u8.ToArray(),
        ],
        "gbnf" =>
        [
            "root ::= \"{\" space (\"\\\"a\\\"\" | [^\"\\\\\\x00-\\x1F]{1,4})* \"}\"\nspace ::= | \" \" # comment\n"u8.ToArray(),
            "root ::= (\"x\" | <[12]> | !<[3]>)+ \".\"{2,5} item?\nitem ::= [a-z] \"-\" .\n"u8.ToArray(),
        ],
        _ => throw new ArgumentException($"Unknown target '{target}'.", nameof(target)),
    };

    private static byte[] Gguf()
    {
        var document = new GgufDocument()
            .Set("general.architecture", GgufValue.String("clip"))
            .Set("general.alignment", GgufValue.UInt32(32))
            .Set("clip.vision.image_size", GgufValue.UInt32(64))
            .Set("clip.vision.image_mean", GgufValue.Array([0.5f, 0.5f, 0.5f]))
            .Set("tokenizer.ggml.tokens", GgufValue.Array(["<s>", "a", "b"]));
        document.Add(new GgufTensor("v.patch_embd.weight", [2, 3], GgmlType.F32, new float[6]));
        document.Add(new GgufTensor("v.position_embd.weight", [4], GgmlType.F16, new float[4]));
        return GgufWriter.ToBytes(document);
    }

    private static byte[][] Images()
    {
        using var image = new Image<Rgba32>(3, 2, new Rgba32(200, 30, 30, 128));
        return
        [
            Encode(image, (i, s) => i.SaveAsPng(s)),
            Encode(image, (i, s) => i.SaveAsJpeg(s)),
            Encode(image, (i, s) => i.SaveAsWebp(s)),
            Encode(image, (i, s) => i.SaveAsGif(s)),
            Encode(image, (i, s) => i.SaveAsBmp(s)),
        ];
    }

    private static byte[] Encode(Image image, Action<Image, Stream> save)
    {
        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }

    private static byte[] FloatWav()
    {
        byte[] wav = Wavs.Tone(440, 16000, 1, seconds: 0.01);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 3); // IEEE float: the same bytes read as floats
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 32);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 4);
        return wav;
    }

    private static byte[] Safetensors()
    {
        byte[] header = """{"image_embeds":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"__metadata__":{"format":"pt"}}"""u8.ToArray();
        var bytes = new byte[8 + header.Length + 24];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        for (int i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + header.Length + (4 * i)), i * 0.5f);
        }

        return bytes;
    }

    private static byte[][] Files(string pattern) =>
        Directory.Exists(SeedFolder) ? Directory.GetFiles(SeedFolder, pattern).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray() : [];

    private static byte[] PickleOf(byte[] torchFile)
    {
        using var zip = new ZipArchive(new MemoryStream(torchFile), ZipArchiveMode.Read);
        ZipArchiveEntry entry = zip.Entries.First(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[][] Requests()
    {
        string png = Convert.ToBase64String(Images()[0]);
        string wav = Convert.ToBase64String(Wavs.Tone(440, 16000, 1, seconds: 0.01));
        return
        [
            Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":0,"max_tokens":4}"""),
            Encoding.UTF8.GetBytes($$"""{"messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"what?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,{{png}}"},"uuid":"a"}]}],"stop":["x"],"top_p":0.9,"seed":3}"""),
            Encoding.UTF8.GetBytes($$$$"""{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"{{{{wav}}}}","format":"wav"}},{"type":"image_url","image_url":null,"uuid":"a"}]}],"stream":true,"stream_options":{"include_usage":true},"media_io_kwargs":{"video":{"num_frames":2}}}"""),
            Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="},"uuid":"p"}]}],"mm_processor_kwargs":{"max_pixels":16384,"min_pixels":3136}}"""),
            Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":[{"type":"image_embeds","image_embeds":{"image_embeds":"AAAA"}},{"type":"video_url","video_url":{"url":"https://example.com/v.mp4"}}]}],"n":1,"logprobs":false}"""),
            Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":[{"type":"image_embeds","image_embeds":{"image_embeds":"AAAA","image_grid_thw":[1,4,4]}},{"type":"image_embeds","image_embeds":{"image_embeds":"AAAA","image_grid_thw":[[1,2,2]]},"uuid":"q"}]}]}"""),
        ];
    }
}
