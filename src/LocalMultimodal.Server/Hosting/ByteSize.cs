using System.Globalization;

namespace LocalMultimodal.Server.Hosting;

/// <summary>Sizes and speeds as people read them (decimal units, as the hub's pages and <c>ollama</c> show them).</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB"];

    public static string Format(double bytes)
    {
        int unit = 0;
        while (bytes >= 1000 && unit < Units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }

        return $"{bytes.ToString(unit == 0 ? "0" : "0.0", CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    public static string Duration(TimeSpan? time) =>
        time is not { } t ? "--:--"
        : t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
}
