using System.Diagnostics;
using System.Text;

namespace ScoringGrid.TestSupport;

/// <summary>Runs a command to completion within a time bound, capturing its output.</summary>
public static class ProcessRunner
{
    /// <summary>The result of a command: exit code, combined output (in arrival order), and each stream alone.</summary>
    public readonly record struct Result(int ExitCode, string Output, string StandardOutput, string StandardError);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/>; kills it (and its children)
    /// and throws <see cref="TimeoutException"/> when it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, standardError, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}; output so far:\n{Read(output)}");
        }

        lock (output)
        {
            return new Result(process.ExitCode, output.ToString(), standardOutput.ToString(), standardError.ToString());
        }
    }

    // Both streams' lines go through one lock (the combined output), so each stream and the
    // combined output agree.
    private static void Append(StringBuilder output, StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            stream.AppendLine(line);
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
