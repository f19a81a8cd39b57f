using Spectre.Console;

namespace Insight.Host.Tests;

/// <summary>A Spectre console that writes plain text into a string.</summary>
internal sealed class TestConsole
{
    private readonly StringWriter _writer = new();

    public TestConsole() => Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(_writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();
}
