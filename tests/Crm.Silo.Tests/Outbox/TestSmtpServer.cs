using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Crm.Silo.Tests.Outbox;

/// <summary>A mail received by <see cref="TestSmtpServer"/>: the envelope, the raw message and when its DATA ended.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Raw, DateTimeOffset At)
{
    /// <summary>A header's value from the raw message (first occurrence, unfolded).</summary>
    public string? Header(string name)
    {
        var head = Raw.Split("\r\n\r\n", 2)[0].Replace("\r\n ", " ").Replace("\r\n\t", " ");
        return head.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
    }
}

/// <summary>
/// A small SMTP server on 127.0.0.1 (the SmtpServer package is not on the registry we reach): enough
/// of RFC 5321 for a real client (MailKit) to deliver, with a hook to refuse a message's DATA, so
/// retries can be seen from the receiving side.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _dataCount;

    /// <param name="replyToData">Given the DATA's number (from 1), the reply to send instead of accepting it, or null to accept.</param>
    public TestSmtpServer(Func<int, string?>? replyToData = null)
    {
        ReplyToData = replyToData ?? (_ => null);
        _listener.Start();
        _accepting = Accept();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Func<int, string?> ReplyToData { get; }

    public ConcurrentQueue<ReceivedMail> Accepted { get; } = new();

    /// <summary>Each DATA's end, accepted or refused, with the reply sent.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Reply)> DataAttempts { get; } = new();

    /// <summary>The settings that send through this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Crm:Smtp:Host"] = "127.0.0.1",
        ["Crm:Smtp:Port"] = Port.ToString(),
        ["Crm:Smtp:StartTls"] = "false",
        ["Crm:Smtp:From"] = "CRM <crm@crm.test>",
    };

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.Latin1);
            var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 test.local ESMTP");
            string from = "";
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 test.local");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf(':') + 1)..].Trim();
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf(':') + 1)..].Trim());
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var raw = await ReadData(reader);
                        var reply = ReplyToData(Interlocked.Increment(ref _dataCount));
                        DataAttempts.Enqueue((DateTimeOffset.UtcNow, reply ?? "250"));
                        if (reply is null) Accepted.Enqueue(new ReceivedMail(from, to.ToList(), raw, DateTimeOffset.UtcNow));
                        await writer.WriteLineAsync(reply ?? "250 OK queued");
                        break;
                    case "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The client hung up.
        }
    }

    private async Task<string> ReadData(StreamReader reader)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
            text.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
