using System.Globalization;
using System.Numerics;
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

    private static object? ToFloat(RenderContext context, object? value, CallArgs args) => value is Undefined u
        ? throw u.Fail()
        : TryFloat(value, out double result) ? result : args.Get(0, "default", 0.0);

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
            case Undefined u:
                throw u.Fail();
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

            return RoundHalfEven(Py.ToDouble(value), (int)Math.Clamp(precision, -400, 400));
        }

        double scale = Math.Pow(10, precision);
        double scaled = Py.ToDouble(value) * scale;
        return (method == "ceil" ? Math.Ceiling(scaled) : Math.Floor(scaled)) / scale;
    }

    /// <summary>
    /// Python's <c>round(x, n)</c>: half to even on the exact binary value (so 2.675 rounds to 2.67 and 1.05 to
    /// 1.1), computed on the exact fraction <c>mantissa * 2^exponent</c>.
    /// </summary>
    private static double RoundHalfEven(double value, int digits)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (rawExponent == 0)
        {
            rawExponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        int exponent = rawExponent - 1075;
        if (exponent >= 0 && digits >= 0)
        {
            return value;
        }

        // value * 10^digits = numerator / denominator exactly.
        BigInteger numerator = mantissa;
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        if (digits >= 0)
        {
            numerator *= BigInteger.Pow(10, digits);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -digits);
        }

        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        string text = quotient.ToString(CultureInfo.InvariantCulture) + "e" + (-digits).ToString(CultureInfo.InvariantCulture);
        double rounded = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value < 0 ? -rounded : rounded;
    }
}
