using LocalMultimodal.Errors;
using LocalMultimodal.Media.Tensors;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>Seeded random inputs and mutations of real files: each decodes or is refused as invalid_embeddings, never anything else.</summary>
public sealed class TensorFuzzTests
{
    private const int Cases = 1500;

    public static TheoryData<string> Seeds => new()
    {
        "f32_2x3.pt", "bf16_2x2x2.pt", "f32_transposed_3x2.pt", "f32_torch2_2x3.pt", "f32_deflated_2x3.pt",
        "f32_2x3.npy", "f32_v3_2x3.npy", "f32_fortran_2x3.npy",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_real_files_never_escape_as_another_exception(string file)
    {
        byte[] original = TensorFixtures.Read(file);
        var random = new Random(file.Sum(c => c));
        for (int i = 0; i < Cases; i++)
        {
            byte[] mutated = Mutate(original, random);
            AssertDecodesOrRefuses(mutated, $"{file} case {i}");
        }
    }

    [Fact]
    public void Mutated_safetensors_never_escape_as_another_exception()
    {
        byte[] original = SafetensorsBuilder.Build(("a", "F32", [2, 3], TorchZipBuilder.Floats(TensorFixtures.Ramp(6))), ("b", "BF16", [2], SafetensorsBuilder.BFloat16s(1, 2)));
        var random = new Random(62164);
        for (int i = 0; i < Cases; i++)
        {
            AssertDecodesOrRefuses(Mutate(original, random), $"safetensors case {i}");
        }
    }

    [Fact]
    public void Random_bytes_behind_each_magic_never_escape_as_another_exception()
    {
        byte[][] prefixes = [[], "PK\u0003\u0004"u8.ToArray(), [0x93, .. "NUMPY"u8], [0x93, .. "NUMPY"u8, 1, 0], [16, 0, 0, 0, 0, 0, 0, 0, (byte)'{'], [0x80, 2]];
        var random = new Random(2025);
        for (int i = 0; i < Cases; i++)
        {
            byte[] prefix = prefixes[i % prefixes.Length];
            var tail = new byte[random.Next(0, 200)];
            random.NextBytes(tail);
            AssertDecodesOrRefuses([.. prefix, .. tail], $"random case {i}");
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0: // flip a few bytes
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 2: // set a byte to an extreme, the way lengths and counts go wrong
                bytes[random.Next(bytes.Length)] = random.Next(2) == 0 ? (byte)0xff : (byte)0x7f;
                return bytes;
            default: // insert random bytes
                int at = random.Next(bytes.Length);
                var insert = new byte[random.Next(1, 16)];
                random.NextBytes(insert);
                return [.. bytes[..at], .. insert, .. bytes[at..]];
        }
    }

    private static void AssertDecodesOrRefuses(byte[] input, string label)
    {
        try
        {
            TensorDecoder.Decode(input, new TensorLimits { MaxElements = 1 << 20 });
        }
        catch (InvalidRequestException ex) when (ex.Code == "invalid_embeddings")
        {
        }
        catch (Exception ex)
        {
            Assert.Fail($"{label}: {ex.GetType().Name}: {ex.Message}\n{Convert.ToHexString(input)}");
        }
    }
}
