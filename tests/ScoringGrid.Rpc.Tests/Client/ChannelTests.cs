using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Health.V1;
using Grpc.Testing;
using ScoringGrid.Interop;
using ScoringGrid.Rpc.Client;
using ScoringGrid.Rpc.Health;
using ScoringGrid.Rpc.Tests.Fixtures;

namespace ScoringGrid.Rpc.Tests.Client;

/// <summary>The .NET client channel: connections, TLS, and the statuses it reports.</summary>
public sealed class ChannelTests
{
    [Fact]
    public async Task Opens_more_connections_when_streams_run_out()
    {
        await using var server = await TestServer.StartAsync(configureKestrel: k => k.Limits.Http2.MaxStreamsPerConnection = 2);
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        var calls = Enumerable.Range(0, 6)
            .Select(_ => invoker.AsyncUnaryCall(ProbeService.Connection, TestTimeouts.Options(), new SimpleRequest { FillUsername = true }))
            .ToList();
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (Volatile.Read(ref server.Probe.Held) < 6)
        {
            Assert.True(DateTime.UtcNow < until, $"only {server.Probe.Held} of 6 calls started: streams were not spread over new connections");
            await Task.Delay(10);
        }

        server.Probe.Gate.SetResult();
        var connections = (await Task.WhenAll(calls.Select(c => c.ResponseAsync))).Select(r => r.ServerId).Distinct().Count();

        Assert.True(connections >= 3, $"6 concurrent calls with 2 streams per connection used {connections} connection(s)");
    }

    [Fact]
    public async Task Reuses_one_connection_for_sequential_calls()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await invoker.AsyncUnaryCall(ProbeService.Connection, TestTimeouts.Options(), new SimpleRequest())).ServerId);
        }

        Assert.Single(ids);
    }

    [Fact]
    public async Task Serves_over_tls()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var server = await TestServer.StartAsync(certificate: certificate);
        var handler = GrpcChannel.CreateDefaultHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        var address = new UriBuilder(server.Address) { Scheme = "https", Host = "localhost" }.Uri;
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(HealthMethods.Check, TestTimeouts.Options(), new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task No_server_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(TestServiceMethods.EmptyCall, TestTimeouts.Options(), new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Response_over_the_client_limit_is_resource_exhausted()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker()
            .AsyncUnaryCall(TestServiceMethods.UnaryCall, TestTimeouts.Options(), new SimpleRequest { ResponseSize = 5000 }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_server_limit_is_resource_exhausted_at_the_client()
    {
        await using var server = await TestServer.StartAsync(options => options.MaxReceiveMessageSize = 1000);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(TestServiceMethods.UnaryCall,
            TestTimeouts.Options(), new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[5000]) } }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_is_sent_and_enforced()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var options = new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker()
            .AsyncUnaryCall(ProbeService.SleepIgnoringDeadline, options, new SimpleRequest { ResponseSize = 5000 }).ResponseAsync.WaitAsync(TestTimeouts.Wait));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Cancellation_token_cancels_the_server_handler()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var id = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(ProbeService.AwaitCancellation,
            TestTimeouts.Options() with { CancellationToken = cts.Token },
            new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFromUtf8(id) } }).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(await server.Probe.CancellationOf(id).Task.WaitAsync(TestTimeouts.Wait));
    }

    [Fact]
    public async Task Status_and_trailers_reach_the_caller()
    {
        await using var server = await TestServer.StartAsync();
        using var channel = server.CreateChannel();
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.PermissionDenied, Message = "nope" } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(ProbeService.Status, TestTimeouts.Options(), request).ResponseAsync);

        Assert.Equal(new Status(StatusCode.PermissionDenied, "nope"), error.Status);
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new("1.3.6.1.5.5.7.3.1") }, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
