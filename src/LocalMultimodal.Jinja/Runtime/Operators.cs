using System.Numerics;
using System.Runtime.CompilerServices;

namespace LocalMultimodal.Jinja.Runtime;

/// <summary>Python's arithmetic: int stays int (checked), <c>/</c> always gives a float, <c>//</c> and <c>%</c> floor.</summary>
internal static class Operators
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? Add(RenderContext context, object? a, object? b)
    {
        if (IsInt(a) && IsInt(b))
        {
            return Checked(() => checked(Py.ToLong(a) + Py.ToLong(b)));
        }

        if (Py.IsNumber(a) && Py.IsNumber(b))
        {
            return Py.ToDouble(a) + Py.ToDouble(b);
        }

        if (a is string sa && b is string sb)
        {
            context.CheckLength((long)sa.Length + sb.Length);
            return sa + sb;
        }

        if (a is JinjaList la && b is JinjaList lb && la.IsTuple == lb.IsTuple)
        {
            context.CheckLength((long)la.Count + lb.Count);
            var items = new List<object?>(la.Count + lb.Count);
            items.AddRange(la.Items);
            items.AddRange(lb.Items);
            return new JinjaList(items, la.IsTuple);
        }

        throw Unsupported("+", a, b);
    }

    public static object? Subtract(object? a, object? b)
    {
        if (IsInt(a) && IsInt(b))
        {
            return Checked(() => checked(Py.ToLong(a) - Py.ToLong(b)));
        }

        return Py.IsNumber(a) && Py.IsNumber(b) ? Py.ToDouble(a) - Py.ToDouble(b) : throw Unsupported("-", a, b);
    }

    public static object? Multiply(RenderContext context, object? a, object? b)
    {
        if (IsInt(a) && IsInt(b))
        {
            return Checked(() => checked(Py.ToLong(a) * Py.ToLong(b)));
        }

        if (Py.IsNumber(a) && Py.IsNumber(b))
        {
            return Py.ToDouble(a) * Py.ToDouble(b);
        }

        if (IsInt(b) && a is string or JinjaList)
        {
            return Repeat(context, a, Py.ToLong(b));
        }

        if (IsInt(a) && b is string or JinjaList)
        {
            return Repeat(context, b, Py.ToLong(a));
        }

        throw Unsupported("*", a, b);
    }

    private static object Repeat(RenderContext context, object? value, long times)
    {
        times = Math.Max(0, times);
        if (value is string s)
        {
            context.CheckLength(s.Length * times);
            return string.Concat(Enumerable.Repeat(s, (int)times));
        }

        var list = (JinjaList)value!;
        context.CheckLength(list.Count * times);
        var items = new List<object?>((int)(list.Count * times));
        for (long i = 0; i < times; i++)
        {
            items.AddRange(list.Items);
        }

        return new JinjaList(items, list.IsTuple);
    }

    public static object? Divide(object? a, object? b)
    {
        if (!Py.IsNumber(a) || !Py.IsNumber(b))
        {
            throw Unsupported("/", a, b);
        }

        double divisor = Py.ToDouble(b);
        return divisor == 0 ? throw new JinjaError("division by zero") : Py.ToDouble(a) / divisor;
    }

    public static object? FloorDivide(object? a, object? b)
    {
        if (IsInt(a) && IsInt(b))
        {
            long x = Py.ToLong(a);
            long y = Py.ToLong(b);
            if (y == 0)
            {
                throw new JinjaError("integer division or modulo by zero");
            }

            long q = x / y;
            return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;
        }

        if (Py.IsNumber(a) && Py.IsNumber(b))
        {
            double divisor = Py.ToDouble(b);
            return divisor == 0 ? throw new JinjaError("float floor division by zero") : Math.Floor(Py.ToDouble(a) / divisor);
        }

        throw Unsupported("//", a, b);
    }

    public static object? Modulo(RenderContext context, object? a, object? b)
    {
        if (a is string format)
        {
            return PyFormat.Percent(context, format, b);
        }

        if (IsInt(a) && IsInt(b))
        {
            long y = Py.ToLong(b);
            return y == 0 ? throw new JinjaError("integer division or modulo by zero") : FloorModulo(Py.ToLong(a), y);
        }

        if (Py.IsNumber(a) && Py.IsNumber(b))
        {
            double y = Py.ToDouble(b);
            return y == 0 ? throw new JinjaError("float modulo") : FloorModulo(Py.ToDouble(a), y);
        }

        throw Unsupported("%", a, b);
    }

    /// <summary>Python's <c>%</c>: the result takes the divisor's sign.</summary>
    private static T FloorModulo<T>(T x, T y)
        where T : INumber<T>
    {
        T r = x % y;
        return r != T.Zero && (r < T.Zero) != (y < T.Zero) ? r + y : r;
    }

    public static object? Power(object? a, object? b)
    {
        if (IsInt(a) && IsInt(b) && Py.ToLong(b) >= 0)
        {
            long x = Py.ToLong(a);
            long n = Py.ToLong(b);
            long result = 1;
            while (n > 0)
            {
                if ((n & 1) == 1)
                {
                    long factor = x;
                    result = Checked(() => checked(result * factor));
                }

                n >>= 1;
                if (n > 0)
                {
                    long square = x;
                    x = Checked(() => checked(square * square));
                }
            }

            return result;
        }

        if (Py.IsNumber(a) && Py.IsNumber(b))
        {
            double x = Py.ToDouble(a);
            double y = Py.ToDouble(b);
            if (x == 0 && y < 0)
            {
                throw new JinjaError("0.0 cannot be raised to a negative power");
            }

            return Math.Pow(x, y);
        }

        throw Unsupported("**", a, b);
    }

    public static object? Negate(object? a) => a switch
    {
        long l => (object)Checked(() => checked(-l)),
        bool b => b ? -1L : 0L,
        double d => -d,
        Undefined u => throw u.Fail(),
        _ => throw new JinjaError($"bad operand type for unary -: '{Py.TypeName(a)}'"),
    };

    public static object? Plus(object? a) => a switch
    {
        long or double => a,
        bool b => (object)(b ? 1L : 0L),
        Undefined u => throw u.Fail(),
        _ => throw new JinjaError($"bad operand type for unary +: '{Py.TypeName(a)}'"),
    };

    private static bool IsInt(object? value) => value is long or bool;

    private static long Checked(Func<long> operation)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw new JinjaError("integer overflow: the result does not fit in 64 bits");
        }
    }

    private static JinjaError Unsupported(string op, object? a, object? b)
    {
        if (a is Undefined ua)
        {
            return ua.Fail();
        }

        if (b is Undefined ub)
        {
            return ub.Fail();
        }

        return new JinjaError($"unsupported operand type(s) for {op}: '{Py.TypeName(a)}' and '{Py.TypeName(b)}'");
    }
}
