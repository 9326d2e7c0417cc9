using System.Globalization;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's <c>repr(float)</c>: the shortest round-trip digits, fixed between 1e-4 and 1e16, else exponent form.</summary>
internal static class PyFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        string roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        (string digits, int exponent) = Decompose(roundTrip);
        string sign = value < 0 ? "-" : string.Empty;
        if (exponent >= -4 && exponent < 16)
        {
            if (exponent < 0)
            {
                return sign + "0." + new string('0', -exponent - 1) + digits;
            }

            if (digits.Length <= exponent + 1)
            {
                return sign + digits + new string('0', exponent + 1 - digits.Length) + ".0";
            }

            return sign + digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }

        string mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Splits .NET's round-trip text into significant digits and the decimal exponent of the first one.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int e = text.IndexOfAny(['E', 'e']);
        int exponent = 0;
        string mantissa = text;
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..e];
        }

        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = point >= 0 ? mantissa.Remove(point, 1) : mantissa;
        int pointPosition = point >= 0 ? point : mantissa.Length;
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (digits, exponent + pointPosition - 1 - leading);
    }
}
