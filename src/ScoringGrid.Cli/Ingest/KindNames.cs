using System.Globalization;
using ScoringGrid.V1;

namespace ScoringGrid.Cli.Ingest;

/// <summary>Interaction kinds by name: <c>like</c>, <c>LIKE</c>, <c>INTERACTION_KIND_LIKE</c>, <c>direct_message</c>, <c>direct-message</c>, <c>dm</c>, or the number.</summary>
internal static class KindNames
{
    public const string Expected = "view, click, like, follow, share, mention, comment, reply, direct_message, conversion, unfollow, post";

    public static bool TryParse(string text, out InteractionKind kind)
    {
        var normalized = text.Trim().ToUpperInvariant().Replace('-', '_').Replace(' ', '_');
        if (normalized.StartsWith("INTERACTION_KIND_", StringComparison.Ordinal))
        {
            normalized = normalized["INTERACTION_KIND_".Length..];
        }

        if (int.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 12)
        {
            kind = (InteractionKind)number;
            return true;
        }

        kind = normalized switch
        {
            "VIEW" => InteractionKind.View,
            "CLICK" => InteractionKind.Click,
            "LIKE" => InteractionKind.Like,
            "FOLLOW" => InteractionKind.Follow,
            "SHARE" => InteractionKind.Share,
            "MENTION" => InteractionKind.Mention,
            "COMMENT" => InteractionKind.Comment,
            "REPLY" => InteractionKind.Reply,
            "DIRECT_MESSAGE" or "DIRECTMESSAGE" or "DM" => InteractionKind.DirectMessage,
            "CONVERSION" => InteractionKind.Conversion,
            "UNFOLLOW" => InteractionKind.Unfollow,
            "POST" => InteractionKind.Post,
            _ => InteractionKind.Unspecified,
        };
        return kind != InteractionKind.Unspecified;
    }
}
