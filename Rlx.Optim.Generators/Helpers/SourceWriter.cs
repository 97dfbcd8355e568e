using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Rlx.Optim.Generators.Helpers;

/// <summary>Writes C# source with four-space indentation and braces opened and closed as disposable blocks.</summary>
internal sealed class SourceWriter
{
    /// <summary>
    /// The longest line the wrapping methods write, indentation included: about what a side-by-side diff shows
    /// without scrolling. Lines written whole (<see cref="WriteLine(string)"/>) are the caller's to keep short.
    /// </summary>
    public const int LineLimit = 120;

    private readonly StringBuilder _builder = new(capacity: 8192);
    private int _indent;

    public SourceWriter()
    {
    }

    /// <summary>A writer whose text will be inserted at <paramref name="indent"/> levels into another (<see cref="WriteRaw"/>).</summary>
    public SourceWriter(int indent)
    {
        _indent = indent;
    }

    /// <summary>The current indentation, in levels of four spaces.</summary>
    public int IndentLevel => _indent;

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(line).Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Appends text written by another writer, as it is (it carries its own indentation).</summary>
    public void WriteRaw(string text) => _builder.Append(text);

    /// <summary>
    /// Writes <c>head + items + tail</c>, the items separated by commas: on one line when it fits within
    /// <see cref="LineLimit"/>, otherwise <paramref name="head"/> alone and the items on the following lines, one level
    /// deeper, as many to a line as fit.
    /// </summary>
    /// <param name="head">The text before the items, e.g. <c>Update(</c>.</param>
    /// <param name="items">The items, e.g. the arguments.</param>
    /// <param name="tail">The text after them, e.g. <c>);</c>.</param>
    /// <param name="wrap">Wrap even when the whole fits, to lay the call out like its neighbours.</param>
    public void WriteWrapped(string head, IReadOnlyList<string> items, string tail, bool wrap = false)
    {
        string whole = head + string.Join(", ", items) + tail;
        if ((!wrap && Fits(whole)) || items.Count == 0)
        {
            WriteLine(whole);
            return;
        }

        WriteLine(head.TrimEnd());
        _indent++;
        WriteFilled(items, tail);
        _indent--;
    }

    /// <summary>
    /// Writes <c>head + groups + tail</c>, the items separated by commas: on one line when it fits (and
    /// <paramref name="split"/> is false), otherwise the first group on the first line and each further group on a line
    /// of its own, one level deeper; so a call breaks where its arguments change kind (the vector's, then the scalars).
    /// </summary>
    public void WriteGroups(string head, IReadOnlyList<IReadOnlyList<string>> groups, string tail, bool split = false)
    {
        string[] all = groups.SelectMany(g => g).ToArray();
        string first = head + string.Join(", ", groups[0]) + ",";
        if (!split && Fits(head + string.Join(", ", all) + tail) || groups.Count == 1)
        {
            WriteWrapped(head, all, tail, split);
            return;
        }

        if (!Fits(first))
        {
            WriteWrapped(head, all, tail, wrap: true);
            return;
        }

        WriteLine(first);
        _indent++;
        for (int g = 1; g < groups.Count; g++)
        {
            WriteFilled(groups[g], g == groups.Count - 1 ? tail : ",");
        }

        _indent--;
    }

    /// <summary>Whether <paramref name="line"/> fits within <see cref="LineLimit"/> at the current indentation.</summary>
    public bool Fits(string line) => _indent * 4 + line.Length <= LineLimit;

    /// <summary>The items, separated by commas and followed by <paramref name="tail"/>, as many to a line as fit.</summary>
    private void WriteFilled(IReadOnlyList<string> items, string tail)
    {
        var line = new StringBuilder();
        for (int i = 0; i < items.Count; i++)
        {
            string piece = items[i] + (i == items.Count - 1 ? tail : ",");
            if (line.Length > 0 && _indent * 4 + line.Length + 1 + piece.Length > LineLimit)
            {
                WriteLine(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(piece);
        }

        WriteLine(line.ToString());
    }

    /// <summary>
    /// Writes an expression-bodied member, <c>declaration => expression;</c>: on one line when it fits, otherwise
    /// with the expression on the next line, one level deeper.
    /// </summary>
    public void WriteArrow(string declaration, string expression) => WriteBroken(declaration, "=>", expression + ";");

    /// <summary>
    /// Writes <c>left op right</c> (an assignment, an initializer, an expression body): on one line when it fits,
    /// otherwise broken after <paramref name="op"/>, the right side one level deeper.
    /// </summary>
    public void WriteBroken(string left, string op, string right)
    {
        string whole = $"{left} {op} {right}";
        if (Fits(whole))
        {
            WriteLine(whole);
            return;
        }

        WriteLine($"{left} {op}");
        _indent++;
        WriteLine(right);
        _indent--;
    }

    /// <summary>A <c>//</c> comment of plain text, broken between words to stay within <see cref="LineLimit"/>.</summary>
    public void WriteComment(string text) => WriteWords("//", text);

    /// <summary>
    /// A <c>///</c> summary of plain text: on one line when it fits within <see cref="LineLimit"/>, otherwise as a block
    /// of lines broken between words.
    /// </summary>
    public void WriteSummary(string text)
    {
        if (_indent * 4 + text.Length + "/// <summary></summary>".Length <= LineLimit)
        {
            WriteLine($"/// <summary>{text}</summary>");
            return;
        }

        WriteLine("/// <summary>");
        WriteWords("///", text);
        WriteLine("/// </summary>");
    }

    /// <summary>Lines of words, each line starting with <paramref name="prefix"/>, broken to stay within <see cref="LineLimit"/>.</summary>
    private void WriteWords(string prefix, string text)
    {
        var line = new StringBuilder(prefix);
        foreach (string word in text.Split(' '))
        {
            if (line.Length > prefix.Length && _indent * 4 + line.Length + 1 + word.Length > LineLimit)
            {
                WriteLine(line.ToString());
                line.Clear().Append(prefix);
            }

            line.Append(' ').Append(word);
        }

        WriteLine(line.ToString());
    }

    /// <summary>
    /// A block whose header is a signature of groups of parameters (one declared set's, for example): on one line when
    /// it fits, otherwise <paramref name="head"/> alone and each group on a line of its own, one level deeper.
    /// </summary>
    public Block Block(string head, IReadOnlyList<IReadOnlyList<string>> groups, string tail)
    {
        string whole = head + string.Join(", ", groups.SelectMany(g => g)) + tail;
        if (Fits(whole))
        {
            WriteLine(whole);
        }
        else
        {
            WriteLine(head.TrimEnd());
            _indent++;
            for (int g = 0; g < groups.Count; g++)
            {
                WriteFilled(groups[g], g == groups.Count - 1 ? tail : ",");
            }

            _indent--;
        }

        WriteLine("{");
        _indent++;
        return new Block(this, "}");
    }

    /// <summary>A block whose header is written by <see cref="WriteWrapped"/> (a long signature).</summary>
    public Block Block(string head, IReadOnlyList<string> items, string tail)
    {
        WriteWrapped(head, items, tail);
        WriteLine("{");
        _indent++;
        return new Block(this, "}");
    }

    /// <summary>Writes each line of a multi-line text at the current indentation.</summary>
    public void WriteLines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            WriteLine(line);
        }
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the block is disposed.</summary>
    public Block Block(string header, string closing = "}")
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
        return new Block(this, closing);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString() => _builder.ToString();

    public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);

    /// <summary>Closes a block; a blank line left before the closing brace by the last member is dropped.</summary>
    internal void Close(string closing)
    {
        _indent--;
        int length = _builder.Length;
        if (length >= 2 && _builder[length - 1] == '\n' && _builder[length - 2] == '\n')
        {
            _builder.Length--;
        }

        WriteLine(closing);
    }
}

/// <summary>Closes a <see cref="SourceWriter.Block"/> when disposed.</summary>
internal readonly struct Block : IDisposable
{
    private readonly SourceWriter _writer;
    private readonly string _closing;

    public Block(SourceWriter writer, string closing)
    {
        _writer = writer;
        _closing = closing;
    }

    public void Dispose() => _writer.Close(_closing);
}
