using System;
using System.Globalization;

namespace Rlx.Optim.Generators.Helpers;

/// <summary>
/// Formats folded constants as C# literals: invariant culture (a Finnish or Swedish culture would print U+2212 for
/// a minus sign), the shortest text that parses back to the same bits, an exponent written as a person writes it
/// (<c>1e-8</c>, not <c>1E-08</c>), and an explicit type suffix.
/// </summary>
/// <remarks>
/// The shortest text is searched for here rather than taken from <c>"R"</c>: on .NET Framework, where an IDE may host
/// the generator, <c>"R"</c> can give more digits than needed (or text that does not round-trip), and the generated
/// source should not depend on the host. A float is written from its own value, so a declared 0.001 rounded to float
/// prints <c>0.001f</c>: the same float, in the text the user wrote.
/// </remarks>
internal static class Literal
{
    public static string Float(float value) => Shortest(value) + "f";

    public static string Double(double value)
    {
        string text = Shortest(value);
        return text.IndexOfAny(new[] { '.', 'e' }) < 0 ? text + ".0" : text;
    }

    /// <summary>A number as prose shows it (in doc comments): the shortest text, no suffix.</summary>
    public static string Number(double value) => Shortest(value);

    /// <summary>The fewest significant digits that parse back to <paramref name="value"/>'s bits.</summary>
    private static string Shortest(float value)
    {
        for (int digits = 1; ; digits++)
        {
            string text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (digits >= 9 || BitConverter.ToInt32(BitConverter.GetBytes(float.Parse(text, CultureInfo.InvariantCulture)), 0)
                == BitConverter.ToInt32(BitConverter.GetBytes(value), 0))
            {
                return Exponent(text); // nine significant digits always round-trip a float
            }
        }
    }

    /// <inheritdoc cref="Shortest(float)"/>
    private static string Shortest(double value)
    {
        for (int digits = 1; ; digits++)
        {
            string text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (digits >= 17 || BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value))
            {
                return Exponent(text); // seventeen always round-trip a double
            }
        }
    }

    /// <summary><c>1E-08</c> as <c>1e-8</c>, <c>3.4028235E+38</c> as <c>3.4028235e38</c>: the same value.</summary>
    private static string Exponent(string text)
    {
        int e = text.IndexOf('E');
        if (e < 0)
        {
            return text;
        }

        string exponent = text.Substring(e + 1);
        string sign = exponent.StartsWith("-", StringComparison.Ordinal) ? "-" : string.Empty;
        string digits = exponent.TrimStart('+', '-').TrimStart('0');
        return text.Substring(0, e) + "e" + sign + (digits.Length == 0 ? "0" : digits);
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# string literal (the names are user text: quotes and backslashes are escaped).</summary>
    public static string String(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
