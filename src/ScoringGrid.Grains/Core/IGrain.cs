namespace ScoringGrid.Grains;

/// <summary>Marker of a grain interface.</summary>
public interface IGrain
{
}

/// <summary>Marker of a grain interface whose grains are keyed by a string.</summary>
public interface IGrainWithStringKey : IGrain
{
}
