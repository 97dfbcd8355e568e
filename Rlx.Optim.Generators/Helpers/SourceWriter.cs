using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Rlx.Optim.Generators.Helpers;

/// <summary>Writes C# source with four-space indentation and braces opened and closed as disposable blocks.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(capacity: 8192);
    private int _indent;

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(line).Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

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
