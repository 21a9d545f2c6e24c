using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Persistence;

namespace ScoringGrid.Server.Tests.Persistence;

/// <summary>
/// An account's stored form: what a checkpoint writes reads back to the same scores, including the
/// values that are not finite numbers, which JSON has no plain literal for.
/// </summary>
public sealed class GrainStateSerializerTests
{
    private const long Day = 86_400_000;
    private const long T0 = 1_700_000_000_000;

    private static Interaction Conversion(string id, string actor, string target, long t, double value) =>
        new(id, actor, target, InteractionKind.Conversion, t, null, value, null);

    [Fact]
    public void Sums_that_overflowed_and_unlisted_ranking_keys_survive_a_round_trip()
    {
        var model = ScoringModel.Default;
        var directory = new AccountDirectory();
        var accounts = directory.For("t1");
        var serializer = new GrainStateSerializer(directory);
        var grainId = GrainKeys.Account("t1", "brand");

        // Two conversions near double.MaxValue on one day: the received sum and the day's value are +∞.
        var scores = new AccountState("brand");
        Assert.Equal(ApplyResult.Applied, scores.ApplyAsTarget(Conversion("c1", "fan", "brand", T0, double.MaxValue), model));
        Assert.Equal(ApplyResult.Applied, scores.ApplyAsTarget(Conversion("c2", "fan", "brand", T0 + 1, double.MaxValue), model));
        scores.ApplyAsTarget(new Interaction("m1", "other", "brand", InteractionKind.Mention, T0 + Day, null, 0, 0.5), model);
        var before = scores.Score(T0 + (2 * Day), model);
        Assert.Equal(double.PositiveInfinity, before.ConversionValueReceived);

        // A pair of zero strength stays listed with the key −∞ in the lists it is in.
        var rankings = new TopRelationships<int>(model, directory.IdOrder, RankingLists.Count);
        rankings.UpdateAll(accounts.GetOrAdd("fan"), [2.5, double.NegativeInfinity, -1.25]);
        rankings.UpdateAll(accounts.GetOrAdd("other"), [double.NegativeInfinity, 0.75, double.NegativeInfinity]);
        var state = new AccountGrainState { Scores = scores, Rankings = rankings };

        var bytes = serializer.Serialize(grainId, state);
        var json = Encoding.UTF8.GetString(bytes);
        Assert.Contains("Infinity", json, StringComparison.Ordinal);

        var restored = serializer.Deserialize<AccountGrainState>(grainId, bytes);
        var after = restored.Scores!.Score(T0 + (2 * Day), model);
        Assert.Equal(double.PositiveInfinity, after.ConversionValueReceived);
        Assert.Equal(before.Kaushik.EconomicValue, after.Kaushik.EconomicValue);
        foreach (var kind in Enum.GetValues<InteractionKind>())
        {
            Assert.Equal(before.ReceivedCounts[kind], after.ReceivedCounts[kind]);
        }

        Assert.Equal(before.EngagementReceived, after.EngagementReceived);
        foreach (var list in new[] { RankingLists.ByStrength, RankingLists.ByInbound, RankingLists.ByOutbound })
        {
            Assert.Equal(rankings.Top(10, list), restored.Rankings!.Top(10, list));
        }

        // Written again, the restored state gives the same bytes.
        Assert.Equal(bytes, serializer.Serialize(grainId, restored));
    }

    /// <summary>
    /// Every floating-point value of the stored form allows the named literals: the serializer's
    /// options leave them out (so its generated writers are used), and a property without them would
    /// fail every checkpoint the first time it held ±∞ or NaN.
    /// </summary>
    [Fact]
    public void Every_floating_point_property_of_the_stored_form_may_hold_infinity()
    {
        var seen = new HashSet<Type>();
        var unmarked = new List<string>();
        Walk(typeof(StoredAccount));
        Assert.True(seen.Count >= 5, $"walked only {seen.Count} types");
        Assert.Empty(unmarked);

        void Walk(Type type)
        {
            if (!seen.Add(type))
            {
                return;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var element = ElementOf(property.PropertyType);
                if (element == typeof(double) || element == typeof(float))
                {
                    var handling = property.GetCustomAttribute<JsonNumberHandlingAttribute>()?.Handling ?? default;
                    if ((handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) == 0)
                    {
                        unmarked.Add($"{type.Name}.{property.Name}");
                    }
                }
                else if (element.IsClass && element != typeof(string))
                {
                    Walk(element);
                }
            }
        }

        static Type ElementOf(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray)
            {
                return ElementOf(type.GetElementType()!);
            }

            return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? ElementOf(type.GetGenericArguments()[0]) : type;
        }
    }
}
