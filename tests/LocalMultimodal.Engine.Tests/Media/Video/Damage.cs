using System.Diagnostics;
using System.Globalization;

namespace LocalMultimodal.Tests.Media.Video;

/// <summary>Breaks frames of an MJPEG-in-AVI file on purpose, at the packet offsets ffprobe reports.</summary>
internal static class Damage
{
    /// <summary>A copy whose given frames have their JPEG data zeroed, so those frames, and only they, fail to decode.</summary>
    public static byte[] ZeroFrames(string aviPath, params int[] frames)
    {
        byte[] bytes = File.ReadAllBytes(aviPath);
        IReadOnlyList<(long Position, int Size)> packets = Packets(aviPath);
        foreach (int frame in frames)
        {
            bytes.AsSpan((int)packets[frame].Position, packets[frame].Size).Clear();
        }

        return bytes;
    }

    /// <summary>A copy cut in the middle of the given frame's data: that frame is partial and nothing follows.</summary>
    public static byte[] TruncateInside(string aviPath, int frame)
    {
        (long position, int size) = Packets(aviPath)[frame];
        return File.ReadAllBytes(aviPath)[..(int)(position + (size / 2))];
    }

    private static IReadOnlyList<(long Position, int Size)> Packets(string path)
    {
        var startInfo = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pos,size", "-of", "csv=p=0", path })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(','))
            .Select(fields => (long.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[0], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
