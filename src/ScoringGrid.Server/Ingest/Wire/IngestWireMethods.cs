using ScoringGrid.Contracts;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Ingest.Wire;

/// <summary>
/// The server's side of scoringgrid.v1.IngestService: the same methods as
/// <see cref="ScoringGridMethods.Ingest"/> and <see cref="ScoringGridMethods.IngestStream"/>, whose
/// requests are read into <see cref="IngestWireRequest"/> instead of generated messages.
/// </summary>
public static class IngestWireMethods
{
    /// <summary>The marshaller of requests.</summary>
    public static readonly Marshaller<IngestWireRequest> Requests = new IngestWireMarshaller();

    /// <summary>Ingest: one batch.</summary>
    public static readonly Method<IngestWireRequest, IngestResponse> Ingest = Like(ScoringGridMethods.Ingest);

    /// <summary>IngestStream: batches in, acks out.</summary>
    public static readonly Method<IngestWireRequest, IngestResponse> IngestStream = Like(ScoringGridMethods.IngestStream);

    private static Method<IngestWireRequest, IngestResponse> Like(Method<IngestRequest, IngestResponse> method) =>
        new(method.Type, method.ServiceName, method.Name, Requests, method.ResponseMarshaller);
}
