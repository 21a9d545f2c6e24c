namespace ScoringGrid.Grains.Tests;

public sealed class GrainIdTests
{
    [Fact]
    public void Identities_are_equal_by_type_and_key()
    {
        var a = new GrainId("account", "k");
        var same = new GrainId("acc" + "ount", new string('k', 1));

        Assert.True(a == same);
        Assert.Equal(a.GetHashCode(), same.GetHashCode());
        Assert.Equal(a.StableHash, same.StableHash);
        Assert.NotEqual(a, new GrainId("relationship", "k"));
        Assert.NotEqual(a, new GrainId("account", "K"));
        Assert.NotEqual(new GrainId("ab", "c"), new GrainId("a", "bc"));
        Assert.NotEqual(new GrainId("ab", "c").StableHash, new GrainId("a", "bc").StableHash);
        Assert.False(a.Equals(default));
        Assert.Equal("account/k", a.ToString());
    }

    [Fact]
    public void Identities_serve_as_dictionary_keys()
    {
        var table = new Dictionary<GrainId, int> { [new GrainId("t", "x")] = 1 };

        Assert.True(table.ContainsKey(new GrainId("t", "x")));
        Assert.False(table.ContainsKey(new GrainId("t", "y")));
    }

    [Fact]
    public void A_stable_hash_streamed_in_parts_equals_the_hash_of_the_whole_key()
    {
        var hasher = StableHasher.Start("relationship");
        hasher.Append("5:acme");
        hasher.Append(12);
        hasher.Append(":");
        hasher.Append("ann\u00e9-\u4e16");
        hasher.Append("bob");

        Assert.Equal(new GrainId("relationship", "5:acme12:ann\u00e9-\u4e16bob").StableHash, hasher.Hash);
        Assert.NotEqual(new GrainId("relationship", "5:acme12:ann\u00e9-\u4e16bo").StableHash, hasher.Hash);
    }

    [Fact]
    public void Type_names_are_kept_by_number_and_come_back_the_same_from_any_thread()
    {
        // An identity holds its type's number, not the name: 24 bytes, held by every activation, its
        // partition's table and the server's directory.
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<GrainId>());
        var names = Enumerable.Range(0, 64).Select(i => "type-" + i + "-" + Guid.NewGuid().ToString("n")).ToArray();
        var made = new GrainId[names.Length * 4];
        Parallel.For(0, made.Length, i => made[i] = new GrainId(names[i % names.Length], "key" + i));

        for (int i = 0; i < made.Length; i++)
        {
            Assert.Equal(names[i % names.Length], made[i].Type);
            Assert.Equal(new GrainId(names[i % names.Length], "key" + i), made[i]);
            Assert.NotEqual(new GrainId(names[(i + 1) % names.Length], "key" + i), made[i]);
        }

        Assert.Null(default(GrainId).Type);
    }
}
