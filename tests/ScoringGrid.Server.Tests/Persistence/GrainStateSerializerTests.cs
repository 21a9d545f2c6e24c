using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using ScoringGrid.Grains;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;
using ScoringGrid.Server.Persistence;

namespace ScoringGrid.Server.Tests.Persistence;

/// <summary>
/// An account's stored form: what a checkpoint writes reads back to the same scores, including the
/// values that are not finite numbers; records an earlier version wrote as JSON still read; a
/// damaged record fails as damage.
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
        var directory = new AccountDirectory();
        var serializer = new GrainStateSerializer(directory);
        var (grainId, state, before) = BusyBrand(directory);

        var bytes = serializer.Serialize(grainId, state);
        Assert.Equal(AccountRecord.FormatVersion, bytes[0]);
        AssertSameAccount(state, before, serializer.Deserialize<AccountGrainState>(grainId, bytes));

        // Written again, the restored state gives the same bytes.
        Assert.Equal(bytes, serializer.Serialize(grainId, serializer.Deserialize<AccountGrainState>(grainId, bytes)));
    }

    [Fact]
    public void A_record_an_earlier_version_wrote_as_JSON_still_reads()
    {
        var directory = new AccountDirectory();
        var serializer = new GrainStateSerializer(directory);
        var (grainId, state, before) = BusyBrand(directory);

        var json = JsonAccountRecord.Encode(state, directory);
        Assert.Contains("Infinity", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        var restored = serializer.Deserialize<AccountGrainState>(grainId, json);
        AssertSameAccount(state, before, restored);

        // A checkpoint after it writes the binary form, which reads back the same.
        var binary = serializer.Serialize(grainId, restored);
        Assert.Equal(AccountRecord.FormatVersion, binary[0]);
        Assert.True(binary.Length < json.Length, $"{binary.Length} bytes against {json.Length}");
        AssertSameAccount(state, before, serializer.Deserialize<AccountGrainState>(grainId, binary));
    }

    [Fact]
    public void Damaged_or_cut_records_fail_as_invalid_data_naming_what_was_read()
    {
        var directory = new AccountDirectory();
        var serializer = new GrainStateSerializer(directory);
        var (grainId, state, _) = BusyBrand(directory);
        var bytes = serializer.Serialize(grainId, state);

        for (int cut = 0; cut < bytes.Length; cut += 1 + (cut / 50))
        {
            var ex = Assert.Throws<InvalidDataException>(() => serializer.Deserialize<AccountGrainState>(grainId, bytes[..cut]));
            Assert.Contains("reading", ex.Message, StringComparison.Ordinal);
        }

        var longer = bytes.Append((byte)0).ToArray();
        Assert.Contains("past its end", Assert.Throws<InvalidDataException>(() => serializer.Deserialize<AccountGrainState>(grainId, longer)).Message, StringComparison.Ordinal);

        var other = (byte[])bytes.Clone();
        other[0] = 7;
        Assert.Contains("format 7", Assert.Throws<InvalidDataException>(() => serializer.Deserialize<AccountGrainState>(grainId, other)).Message, StringComparison.Ordinal);

        var random = new Random(11);
        for (int i = 0; i < 2000; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[1 + random.Next(damaged.Length - 1)] = (byte)random.Next(256);
            try
            {
                serializer.Deserialize<AccountGrainState>(grainId, damaged).Scores?.Score(T0, ScoringModel.Default);
            }
            catch (InvalidDataException)
            {
                // Damage found: the only way a damaged record may fail.
            }
        }
    }

    /// <summary>A brand whose sums overflowed, with attributes and ranked lists holding −∞ keys.</summary>
    private static (GrainId GrainId, AccountGrainState State, AccountScore Before) BusyBrand(AccountDirectory directory)
    {
        var model = ScoringModel.Default;
        var accounts = directory.For("t1");
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
        var attributes = new AccountAttributes { DisplayName = "Brand \u00e9", Segment = 3, Topics = ["shoes", "", "caf\u00e9"], UpdatedAtMs = T0 - 5 };
        return (grainId, new AccountGrainState { Scores = scores, Rankings = rankings, Attributes = attributes }, before);
    }

    private static void AssertSameAccount(AccountGrainState state, AccountScore before, AccountGrainState restored)
    {
        var after = restored.Scores!.Score(T0 + (2 * Day), ScoringModel.Default);
        Assert.Equal(double.PositiveInfinity, after.ConversionValueReceived);
        Assert.Equal(before.Kaushik.EconomicValue, after.Kaushik.EconomicValue);
        foreach (var kind in Enum.GetValues<InteractionKind>())
        {
            Assert.Equal(before.ReceivedCounts[kind], after.ReceivedCounts[kind]);
        }

        Assert.Equal(before.EngagementReceived, after.EngagementReceived);
        Assert.Equal(before.Responsiveness.Open, after.Responsiveness.Open);
        Assert.Equal(before.Responsiveness.OpenExpectations, after.Responsiveness.OpenExpectations);
        foreach (var list in new[] { RankingLists.ByStrength, RankingLists.ByInbound, RankingLists.ByOutbound })
        {
            Assert.Equal(state.Rankings!.Top(10, list), restored.Rankings!.Top(10, list));
        }

        Assert.Equal(state.Attributes!.DisplayName, restored.Attributes!.DisplayName);
        Assert.Equal(state.Attributes.Segment, restored.Attributes.Segment);
        Assert.Equal(state.Attributes.Topics, restored.Attributes.Topics);
        Assert.Equal(state.Attributes.UpdatedAtMs, restored.Attributes.UpdatedAtMs);
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
        Walk(typeof(StoredAccount)); // the JSON form earlier versions wrote, still read
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
