using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;

namespace ScoringGrid.Rpc.Reflection;

/// <summary>
/// <c>grpc.reflection.v1alpha.ServerReflection</c>: lists the served services and returns the
/// descriptors of the files that define them (with their dependencies), looked up by file
/// name or by symbol. Unknown names get an error response with NOT_FOUND on the stream.
/// </summary>
public sealed class ReflectionService
{
    private readonly string[] _serviceNames;
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);

    /// <summary>Indexes the descriptors of the served services.</summary>
    public ReflectionService(IEnumerable<ServiceDescriptor> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var names = new SortedSet<string>(StringComparer.Ordinal) { ReflectionMethods.ServiceName };
        AddFile(ReflectionReflection.Descriptor);
        foreach (var service in services)
        {
            names.Add(service.FullName);
            AddFile(service.File);
        }

        _serviceNames = names.ToArray();
    }

    /// <summary>The service definition to register with the server.</summary>
    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(ReflectionMethods.ServiceName, ReflectionReflection.Descriptor.Services[0])
            .AddMethod(ReflectionMethods.ServerReflectionInfo, ServerReflectionInfo)
            .Build();

    /// <summary>Answers each request of the stream in order.</summary>
    public async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = requestStream.Current;
            var response = Answer(request);
            response.ValidHost = request.Host;
            response.OriginalRequest = request;
            await responseStream.WriteAsync(response).ConfigureAwait(false);
        }
    }

    /// <summary>The answer to one reflection request.</summary>
    public ServerReflectionResponse Answer(ServerReflectionRequest request) => request.MessageRequestCase switch
    {
        ServerReflectionRequest.MessageRequestOneofCase.ListServices => ListServices(),
        ServerReflectionRequest.MessageRequestOneofCase.FileByFilename =>
            _filesByName.TryGetValue(request.FileByFilename, out var file) ? FileResponse(file) : NotFound($"File '{request.FileByFilename}' not found."),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol =>
            _filesBySymbol.TryGetValue(request.FileContainingSymbol, out var owner) ? FileResponse(owner) : NotFound($"Symbol '{request.FileContainingSymbol}' not found."),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension =>
            NotFound($"Extension {request.FileContainingExtension.ExtensionNumber} of '{request.FileContainingExtension.ContainingType}' not found."),
        ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType => ExtensionNumbers(request.AllExtensionNumbersOfType),
        _ => Error(StatusCode.InvalidArgument, "The request names no question."),
    };

    private ServerReflectionResponse ListServices()
    {
        var list = new ListServiceResponse();
        foreach (var name in _serviceNames)
        {
            list.Service.Add(new ServiceResponse { Name = name });
        }

        return new ServerReflectionResponse { ListServicesResponse = list };
    }

    private ServerReflectionResponse ExtensionNumbers(string type) =>
        _messageTypes.Contains(type)
            ? new ServerReflectionResponse { AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = type } }
            : NotFound($"Type '{type}' not found.");

    private static ServerReflectionResponse FileResponse(FileDescriptor file)
    {
        var files = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            files.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Push(dependency);
            }
        }

        return new ServerReflectionResponse { FileDescriptorResponse = files };
    }

    private static ServerReflectionResponse NotFound(string message) => Error(StatusCode.NotFound, message);

    private static ServerReflectionResponse Error(StatusCode code, string message) =>
        new() { ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message } };

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _filesBySymbol[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _filesBySymbol[message.FullName] = file;
        _messageTypes.Add(message.FullName);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }
    }
}
