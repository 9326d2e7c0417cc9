using System.Buffers.Binary;

namespace LocalMultimodal.Testing;

/// <summary>16-bit PCM WAV files of a sine tone or of silence, with the same signal on every channel.</summary>
public static class Wavs
{
    public static byte[] Tone(double frequency, int sampleRate, int channels, double seconds = 1, double amplitude = 0.5) =>
        Write(sampleRate, channels, seconds, i => amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));

    public static byte[] Silence(int sampleRate, int channels, double seconds = 1) =>
        Write(sampleRate, channels, seconds, _ => 0);

    private static byte[] Write(int sampleRate, int channels, double seconds, Func<int, double> sample)
    {
        int frames = (int)(sampleRate * seconds);
        int dataBytes = frames * channels * 2;
        var bytes = new byte[44 + dataBytes];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (int i = 0; i < frames; i++)
        {
            short value = (short)Math.Round(sample(i) * short.MaxValue);
            for (int channel = 0; channel < channels; channel++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(span[(44 + ((i * channels + channel) * 2))..], value);
            }
        }

        return bytes;
    }
}
