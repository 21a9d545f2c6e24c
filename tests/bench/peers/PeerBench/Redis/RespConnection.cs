using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ScoringGrid.Bench.Peers.Redis;

/// <summary>Kinds of RESP2 replies.</summary>
public enum RespType
{
    /// <summary>+OK</summary>
    SimpleString,

    /// <summary>-ERR ...</summary>
    Error,

    /// <summary>:123</summary>
    Integer,

    /// <summary>$3 abc</summary>
    Bulk,

    /// <summary>$-1 or *-1</summary>
    Null,

    /// <summary>*2 ...</summary>
    Array,
}

/// <summary>One RESP reply. Integer replies carry no heap object.</summary>
public readonly struct RespValue
{
    public RespValue(RespType type, long integer = 0, string? text = null, RespValue[]? items = null)
    {
        Type = type;
        Integer = integer;
        Text = text;
        Items = items;
    }

    public RespType Type { get; }

    public long Integer { get; }

    public string? Text { get; }

    public RespValue[]? Items { get; }

    public override string ToString() => Type switch
    {
        RespType.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RespType.Array => "[" + string.Join(", ", Items!.Select(i => i.ToString())) + "]",
        RespType.Null => "(nil)",
        RespType.Error => "(error) " + Text,
        _ => Text ?? "",
    };
}

/// <summary>
/// A minimal RESP2 client over one TCP connection to 127.0.0.1: commands are encoded into an
/// output buffer (binary-safe, UTF-8 strings, no per-argument allocation for keys built from a
/// prefix and ids), sent on <see cref="Flush"/>, and replies parsed incrementally from an input
/// buffer, so that any number of commands can be in flight (pipelining).
/// </summary>
public sealed class RespConnection : IDisposable
{
    private readonly Socket _socket;
    private byte[] _out = new byte[1 << 16];
    private int _outLen;
    private byte[] _in = new byte[1 << 16];
    private int _inStart;
    private int _inEnd;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public RespConnection(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>Starts a command of <paramref name="argc"/> arguments (the command name included).</summary>
    public void Begin(int argc)
    {
        Ensure(16);
        _out[_outLen++] = (byte)'*';
        WriteNumberLine(argc);
    }

    /// <summary>An ASCII/UTF-8 literal argument.</summary>
    public void Arg(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length + 32);
        _out[_outLen++] = (byte)'$';
        WriteNumberLine(utf8.Length);
        utf8.CopyTo(_out.AsSpan(_outLen));
        _outLen += utf8.Length;
        _out[_outLen++] = (byte)'\r';
        _out[_outLen++] = (byte)'\n';
    }

    /// <summary>A string argument (UTF-8).</summary>
    public void Arg(string s) => Arg(ReadOnlySpan<byte>.Empty, s);

    /// <summary>An argument made of an ASCII prefix and a string, e.g. a key <c>a:ann</c>.</summary>
    public void Arg(ReadOnlySpan<byte> prefix, string s)
    {
        int len = prefix.Length + Encoding.UTF8.GetByteCount(s);
        Ensure(len + 32);
        _out[_outLen++] = (byte)'$';
        WriteNumberLine(len);
        prefix.CopyTo(_out.AsSpan(_outLen));
        _outLen += prefix.Length;
        _outLen += Encoding.UTF8.GetBytes(s, _out.AsSpan(_outLen));
        _out[_outLen++] = (byte)'\r';
        _out[_outLen++] = (byte)'\n';
    }

    /// <summary>The key of a pair: <c>p:LEN:A:B</c> (LEN = UTF-8 length of A, so any ids are unambiguous).</summary>
    public void PairKeyArg(string a, string b)
    {
        int la = Encoding.UTF8.GetByteCount(a);
        Span<byte> lenText = stackalloc byte[12];
        Utf8Formatter.TryFormat(la, lenText, out int lenDigits);
        int len = 2 + lenDigits + 1 + la + 1 + Encoding.UTF8.GetByteCount(b);
        Ensure(len + 32);
        _out[_outLen++] = (byte)'$';
        WriteNumberLine(len);
        _out[_outLen++] = (byte)'p';
        _out[_outLen++] = (byte)':';
        lenText[..lenDigits].CopyTo(_out.AsSpan(_outLen));
        _outLen += lenDigits;
        _out[_outLen++] = (byte)':';
        _outLen += Encoding.UTF8.GetBytes(a, _out.AsSpan(_outLen));
        _out[_outLen++] = (byte)':';
        _outLen += Encoding.UTF8.GetBytes(b, _out.AsSpan(_outLen));
        _out[_outLen++] = (byte)'\r';
        _out[_outLen++] = (byte)'\n';
    }

    /// <summary>The text form of a pair key, as <see cref="PairKeyArg"/> writes it.</summary>
    public static string PairKey(string a, string b) => "p:" + Encoding.UTF8.GetByteCount(a) + ":" + a + ":" + b;

    /// <summary>An integer argument.</summary>
    public void Arg(long value)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, digits, out int n);
        Arg(digits[..n]);
    }

    /// <summary>Sends what was encoded.</summary>
    public void Flush()
    {
        int sent = 0;
        while (sent < _outLen)
        {
            sent += _socket.Send(_out, sent, _outLen - sent, SocketFlags.None);
        }

        _outLen = 0;
    }

    /// <summary>Bytes encoded and not yet sent.</summary>
    public int Pending => _outLen;

    /// <summary>Parses one complete reply from what was received, if there is one.</summary>
    public bool TryRead(out RespValue value)
    {
        int pos = _inStart;
        if (TryParse(ref pos, out value))
        {
            _inStart = pos;
            return true;
        }

        return false;
    }

    /// <summary>Waits for more bytes from the server (blocking).</summary>
    public void Fill()
    {
        if (_inStart == _inEnd)
        {
            _inStart = _inEnd = 0;
        }
        else if (_inStart > 0 && _inEnd > _in.Length / 2)
        {
            Buffer.BlockCopy(_in, _inStart, _in, 0, _inEnd - _inStart);
            _inEnd -= _inStart;
            _inStart = 0;
        }

        if (_inEnd == _in.Length)
        {
            Array.Resize(ref _in, _in.Length * 2);
        }

        int n = _socket.Receive(_in, _inEnd, _in.Length - _inEnd, SocketFlags.None);
        if (n == 0)
        {
            throw new IOException("connection closed by the server");
        }

        _inEnd += n;
    }

    /// <summary>Reads one reply, waiting as needed.</summary>
    public RespValue Read()
    {
        RespValue v;
        while (!TryRead(out v))
        {
            Fill();
        }

        return v;
    }

    /// <summary>Sends one command and waits for its reply.</summary>
    public RespValue Call(params object[] args)
    {
        Begin(args.Length);
        foreach (object a in args)
        {
            switch (a)
            {
                case string s: Arg(s); break;
                case long l: Arg(l); break;
                case int i: Arg(i); break;
                case byte[] b: Arg(b); break;
                default: Arg(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)!); break;
            }
        }

        Flush();
        return Read();
    }

    /// <summary>Like <see cref="Call"/>, throwing on an error reply.</summary>
    public RespValue CallOk(params object[] args)
    {
        RespValue v = Call(args);
        if (v.Type == RespType.Error)
        {
            throw new InvalidOperationException($"redis {args[0]}: {v.Text}");
        }

        return v;
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>
    /// Drives <paramref name="total"/> commands over this connection with at most
    /// <paramref name="depth"/> in flight: <paramref name="encode"/> writes command i,
    /// <paramref name="onReply"/> consumes its reply. When <paramref name="latencyTicks"/> is given,
    /// entry i is the time from encoding command i to parsing its reply (Stopwatch ticks).
    /// Stops sending at <paramref name="deadline"/> (Stopwatch timestamp) and drains what is in
    /// flight. Returns how many commands completed.
    /// </summary>
    public int RunPipelined(int total, int depth, Action<int> encode, Action<int, RespValue> onReply, long[]? latencyTicks, long deadline)
    {
        var stamps = new long[depth];
        int sent = 0, done = 0;
        while (done < sent || sent < total)
        {
            if (sent < total && Stopwatch.GetTimestamp() > deadline)
            {
                total = sent;
            }

            while (sent < total && sent - done < depth)
            {
                stamps[sent % depth] = Stopwatch.GetTimestamp();
                encode(sent);
                sent++;
                if (_outLen > (1 << 15))
                {
                    Flush();
                }
            }

            if (_outLen > 0)
            {
                Flush();
            }

            if (done == sent)
            {
                break;
            }

            Fill();
            while (done < sent && TryRead(out RespValue v))
            {
                if (latencyTicks is not null)
                {
                    latencyTicks[done] = Stopwatch.GetTimestamp() - stamps[done % depth];
                }

                onReply(done, v);
                done++;
            }
        }

        return done;
    }

    private void Ensure(int extra)
    {
        if (_outLen + extra > _out.Length)
        {
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _outLen + extra));
        }
    }

    private void WriteNumberLine(long n)
    {
        Utf8Formatter.TryFormat(n, _out.AsSpan(_outLen), out int written);
        _outLen += written;
        _out[_outLen++] = (byte)'\r';
        _out[_outLen++] = (byte)'\n';
    }

    private bool TryParse(ref int pos, out RespValue value)
    {
        value = default;
        if (pos >= _inEnd)
        {
            return false;
        }

        byte type = _in[pos];
        int lineEnd = _in.AsSpan(pos, _inEnd - pos).IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return false;
        }

        lineEnd += pos; // index of '\n'; the line is [pos + 1, lineEnd - 1)
        ReadOnlySpan<byte> line = _in.AsSpan(pos + 1, lineEnd - 1 - (pos + 1));
        int next = lineEnd + 1;
        switch (type)
        {
            case (byte)'+':
                value = new RespValue(RespType.SimpleString, text: Encoding.UTF8.GetString(line));
                pos = next;
                return true;
            case (byte)'-':
                value = new RespValue(RespType.Error, text: Encoding.UTF8.GetString(line));
                pos = next;
                return true;
            case (byte)':':
                value = new RespValue(RespType.Integer, ParseLong(line));
                pos = next;
                return true;
            case (byte)'$':
            {
                long len = ParseLong(line);
                if (len < 0)
                {
                    value = new RespValue(RespType.Null);
                    pos = next;
                    return true;
                }

                if (next + len + 2 > _inEnd)
                {
                    return false;
                }

                value = new RespValue(RespType.Bulk, text: Encoding.UTF8.GetString(_in, next, (int)len));
                pos = next + (int)len + 2;
                return true;
            }

            case (byte)'*':
            {
                long count = ParseLong(line);
                if (count < 0)
                {
                    value = new RespValue(RespType.Null);
                    pos = next;
                    return true;
                }

                var items = new RespValue[count];
                int p = next;
                for (int i = 0; i < count; i++)
                {
                    if (!TryParse(ref p, out items[i]))
                    {
                        return false;
                    }
                }

                value = new RespValue(RespType.Array, items: items);
                pos = p;
                return true;
            }

            default:
                throw new InvalidDataException($"unexpected RESP type byte 0x{type:x2}");
        }
    }

    private static long ParseLong(ReadOnlySpan<byte> digits)
    {
        if (!Utf8Parser.TryParse(digits, out long n, out int consumed) || consumed != digits.Length)
        {
            throw new InvalidDataException("bad RESP number: " + Encoding.ASCII.GetString(digits));
        }

        return n;
    }
}
