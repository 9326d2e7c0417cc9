using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Tests.Media;

/// <summary>Writes WAV files field by field, so tests can set any header value, valid or not.</summary>
internal sealed class WavBuilder
{
    public static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");

    public short FormatTag { get; init; } = 1;

    public short Channels { get; init; } = 1;

    public int SampleRate { get; init; } = 16000;

    public short BitsPerSample { get; init; } = 16;

    /// <summary>Defaults to channels * bits / 8.</summary>
    public short? BlockAlign { get; init; }

    /// <summary>Set to write WAVE_FORMAT_EXTENSIBLE (tag 0xFFFE) with this sub-format.</summary>
    public Guid? SubFormat { get; init; }

    /// <summary>Defaults to the real length of <see cref="Data"/>.</summary>
    public uint? DeclaredDataSize { get; init; }

    public byte[] Data { get; init; } = [];

    public static byte[] Pcm16(params short[] samples)
    {
        var data = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), samples[i]);
        }

        return data;
    }

    public static byte[] Float32(params float[] samples)
    {
        var data = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), samples[i]);
        }

        return data;
    }

    public byte[] Build()
    {
        int fmtLength = SubFormat is null ? 16 : 40;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + fmtLength + 8 + Data.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(fmtLength);
        writer.Write(SubFormat is null ? FormatTag : unchecked((short)0xFFFE));
        writer.Write(Channels);
        writer.Write(SampleRate);
        short blockAlign = BlockAlign ?? (short)(Channels * BitsPerSample / 8);
        writer.Write(SampleRate * blockAlign);
        writer.Write(blockAlign);
        writer.Write(BitsPerSample);
        if (SubFormat is { } subFormat)
        {
            writer.Write((short)22);
            writer.Write(BitsPerSample);
            writer.Write(0);
            writer.Write(subFormat.ToByteArray());
        }

        writer.Write("data"u8);
        writer.Write(DeclaredDataSize ?? (uint)Data.Length);
        writer.Write(Data);
        writer.Flush();
        return stream.ToArray();
    }
}
