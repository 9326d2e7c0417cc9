using System.Globalization;
using System.Text;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's <c>strftime</c> in the C locale, with glibc's <c>%-d</c> style no-padding flag.</summary>
internal static class StrFTime
{
    public static string Format(DateTime time, string format)
    {
        var builder = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            bool unpadded = format[i + 1] == '-' && i + 2 < format.Length;
            if (unpadded)
            {
                i++;
            }

            char code = format[++i];
            string text = code switch
            {
                'Y' => time.Year.ToString(c),
                'y' => (time.Year % 100).ToString("00", c),
                'm' => time.Month.ToString("00", c),
                'd' => time.Day.ToString("00", c),
                'e' => time.Day.ToString(c).PadLeft(2),
                'H' => time.Hour.ToString("00", c),
                'I' => (time.Hour % 12 == 0 ? 12 : time.Hour % 12).ToString("00", c),
                'M' => time.Minute.ToString("00", c),
                'S' => time.Second.ToString("00", c),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", c),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'j' => time.DayOfYear.ToString("000", c),
                'a' => c.DateTimeFormat.GetAbbreviatedDayName(time.DayOfWeek),
                'A' => c.DateTimeFormat.GetDayName(time.DayOfWeek),
                'b' or 'h' => c.DateTimeFormat.GetAbbreviatedMonthName(time.Month),
                'B' => c.DateTimeFormat.GetMonthName(time.Month),
                'w' => ((int)time.DayOfWeek).ToString(c),
                'u' => (time.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)time.DayOfWeek).ToString(c),
                'D' => time.ToString("MM'/'dd'/'yy", c),
                'F' => time.ToString("yyyy'-'MM'-'dd", c),
                'T' => time.ToString("HH':'mm':'ss", c),
                'R' => time.ToString("HH':'mm", c),
                'c' => time.ToString("ddd MMM ", c) + time.Day.ToString(c).PadLeft(2) + time.ToString(" HH':'mm':'ss yyyy", c),
                'x' => time.ToString("MM'/'dd'/'yy", c),
                'X' => time.ToString("HH':'mm':'ss", c),
                'n' => "\n",
                't' => "\t",
                '%' => "%",
                _ => "%" + code,
            };
            if (unpadded && code is not ('%' or 'n' or 't'))
            {
                text = text.TrimStart('0', ' ');
                text = text.Length == 0 ? "0" : text;
            }

            builder.Append(text);
        }

        return builder.ToString();
    }
}
