using System.Text;
using ScoringGrid.Rpc;

namespace ScoringGrid.Client;

/// <summary>The canonical names of gRPC status codes, as other gRPC implementations print them.</summary>
public static class StatusNames
{
    /// <summary>The canonical name of a code: <c>NOT_FOUND</c>, <c>INVALID_ARGUMENT</c>, <c>OK</c>...; the number for an unknown code.</summary>
    public static string Canonical(StatusCode code)
    {
        if (!Enum.IsDefined(code))
        {
            return ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var name = code.ToString();
        if (name == "OK")
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>The canonical name of a numeric code, as carried in per-item errors (<c>RejectedInteraction.code</c>, <c>ItemError.code</c>).</summary>
    public static string Canonical(int code) => Canonical((StatusCode)code);
}
