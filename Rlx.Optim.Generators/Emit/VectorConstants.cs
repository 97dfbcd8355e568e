using System;
using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The folded constants of one shape's code, each named once: a rule asks for <c>Beta1</c> where it would have
/// written <c>Vector512.Create(0.9f)</c>, and the shape's class declares it at its top as a static property,
/// <c>private static Vector512&lt;float&gt; Beta1 =&gt; Vector512.Create(0.9f);</c>.
/// </summary>
/// <remarks>
/// A property, rather than a local made once per call or a static readonly field: the JIT inlines it and is left with
/// exactly the constant it had at each use when the literal was written there (a broadcast it folds into the
/// instruction or hoists), so naming a constant does not change the machine code. The loops of all nine benchmark
/// configurations were compared instruction by instruction, at both widths, before and after the constants were
/// named: identical. A static readonly field would be a load and a class-initialization check, a local one more
/// parameter on every helper. Only the constants a shape's code uses are declared, in order of first use.
/// </remarks>
internal sealed class VectorConstants
{
    private readonly VectorShape _shape;
    private readonly List<Entry> _entries = new();

    public VectorConstants(VectorShape shape)
    {
        _shape = shape;
    }

    /// <summary>A vector of floats named <paramref name="name"/>, every lane <paramref name="value"/> (an expression).</summary>
    public string Float(string name, string value, string? note = null) => Add(new Entry(name, _shape.Floats, value, note));

    /// <summary>A vector of floats of <paramref name="value"/> rounded to float.</summary>
    public string Float(string name, double value, string? note = null) => Float(name, Literal.Float((float)value), note);

    /// <summary>A vector of doubles of <paramref name="value"/>.</summary>
    public string Double(string name, double value, string? note = null) => Add(new Entry(name, _shape.Doubles, Literal.Double(value), note));

    /// <summary>Declares the constants used so far, then a blank line.</summary>
    public void Write(SourceWriter writer)
    {
        foreach (Entry entry in _entries)
        {
            string note = entry.Note is null ? string.Empty : " // " + entry.Note;
            writer.WriteLine($"private static {entry.Type} {entry.Name} => {_shape.Broadcast(entry.Value)};{note}");
        }

        if (_entries.Count > 0)
        {
            writer.WriteLine();
        }
    }

    private string Add(Entry entry)
    {
        Entry? existing = _entries.Find(e => e.Name == entry.Name);
        if (existing is null)
        {
            _entries.Add(entry);
        }
        else if (existing.Type != entry.Type || existing.Value != entry.Value)
        {
            throw new InvalidOperationException($"Constant {entry.Name} is both {existing.Type} {existing.Value} and {entry.Type} {entry.Value}.");
        }

        return entry.Name;
    }

    private sealed record Entry(string Name, string Type, string Value, string? Note);
}
