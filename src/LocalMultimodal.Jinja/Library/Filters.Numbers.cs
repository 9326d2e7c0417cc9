using System.Globalization;
using LocalMultimodal.Jinja.Runtime;

namespace LocalMultimodal.Jinja.Library;

/// <summary>The number filters, with Python's conversions and rounding.</summary>
internal static partial class Filters
{
    private static object? Abs(RenderContext context, object? value, CallArgs args) => value switch
    {
        long l => l == long.MinValue ? throw new JinjaError("integer overflow") : (object)Math.Abs(l),
        bool b => b ? 1L : 0L,
        double d => Math.Abs(d),
        Undefined u => throw u.Fail(),
        _ => throw new JinjaError($"bad operand type for abs(): '{Py.TypeName(value)}'"),
    };

    private static object? ToFloat(RenderContext context, object? value, CallArgs args) =>
        TryFloat(value, out double result) ? result : args.Get(0, "default", 0.0);

    private static bool TryFloat(object? value, out double result)
    {
        switch (value)
        {
            case long or double or bool:
                result = Py.ToDouble(value);
                return true;
            case string s:
                string text = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
                switch (text.TrimStart('+', '-'))
                {
                    case "inf" or "infinity":
                        result = text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                        return true;
                    case "nan":
                        result = double.NaN;
                        return true;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && text.Length > 0 && !text.Contains(',', StringComparison.Ordinal);
            default:
                result = 0;
                return false;
        }
    }

    private static object? ToInt(RenderContext context, object? value, CallArgs args)
    {
        object? fallback = args.Get(0, "default", 0L);
        int numberBase = (int)Py.ToLong(args.Get(1, "base", 10L));
        switch (value)
        {
            case long or bool:
                return Py.ToLong(value);
            case double d:
                return double.IsFinite(d) && Math.Abs(d) < 9.2e18 ? (long)d : fallback;
            case string s:
                string text = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                if (numberBase == 10 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
                {
                    return parsed;
                }

                if (numberBase is 2 or 8 or 16 && text.Length > 0)
                {
                    try
                    {
                        string digits = text.Length > 2 && text[0] == '0' && char.IsLetter(text[1]) ? text[2..] : text;
                        return Convert.ToInt64(digits, numberBase);
                    }
                    catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
                    {
                        return fallback;
                    }
                }

                return TryFloat(s, out double f) && double.IsFinite(f) && Math.Abs(f) < 9.2e18 ? (long)f : fallback;
            default:
                return fallback;
        }
    }

    private static object? Round(RenderContext context, object? value, CallArgs args)
    {
        long precision = Py.ToLong(args.Get(0, "precision", 0L));
        string method = Py.Str(args.Get(1, "method", "common"));
        if (method is not ("common" or "ceil" or "floor"))
        {
            throw new JinjaError("method must be common, ceil or floor");
        }

        if (method == "common")
        {
            if (value is long or bool)
            {
                return Py.ToLong(value);
            }

            return RoundHalfEven(Py.ToDouble(value), (int)Math.Clamp(precision, -300, 300));
        }

        double scale = Math.Pow(10, precision);
        double scaled = Py.ToDouble(value) * scale;
        return (method == "ceil" ? Math.Ceiling(scaled) : Math.Floor(scaled)) / scale;
    }

    /// <summary>Python's <c>round(x, n)</c>: half to even on the exact binary value, so 2.675 rounds to 2.67.</summary>
    private static double RoundHalfEven(double value, int digits)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        if (digits >= 0 && digits <= 28 && Math.Abs(value) < 7.9e27)
        {
            decimal exact = decimal.Parse(value.ToString("E16", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            return (double)Math.Round(exact, digits, MidpointRounding.ToEven);
        }

        double scale = Math.Pow(10, digits);
        return Math.Round(value * scale, MidpointRounding.ToEven) / scale;
    }
}
