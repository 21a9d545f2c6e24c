namespace ScoringGrid.Cli.Demo;

/// <summary>Name parts and topics the demo audience is drawn from.</summary>
internal static class DemoNames
{
    public static readonly string[] First =
    [
        "Ada", "Ben", "Chloe", "Dev", "Elif", "Farah", "Gus", "Hana", "Ines", "Joel", "Kira", "Liam", "Maya", "Nico", "Omar", "Priya",
        "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wren", "Xavi", "Yara", "Zoe", "Aiko", "Bruno", "Cleo", "Dario", "Esme", "Felix",
        "Greta", "Hugo", "Iris", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Otto", "Pia", "Rafael", "Sofia", "Theo", "Ulla", "Vera", "Wim",
        "Ayla", "Bea", "Cyrus", "Dina", "Emil", "Fleur", "Gael", "Heidi", "Ivan", "Jade", "Karim", "Lucia", "Milo", "Noor", "Oscar", "Paz",
    ];

    public static readonly string[] Last =
    [
        "Haddad", "Patel", "Lind", "Novak", "Ito", "Kim", "Moreau", "Reyes", "Sato", "Okafor", "Chen", "Garcia", "Muller", "Rossi", "Silva",
        "Kowalski", "Nguyen", "Cohen", "Dubois", "Larsen", "Ahmed", "Berg", "Costa", "Duarte", "Eriksen", "Fischer", "Grant", "Hughes",
        "Ivanova", "Jensen", "Khan", "Lopez", "Mensah", "Nakamura", "Olsen", "Park", "Quist", "Russo", "Schmidt", "Tanaka", "Ueda", "Vargas",
        "Walsh", "Yilmaz", "Zimmer", "Abara", "Bianchi", "Castro", "Delgado", "Engel", "Ferreira", "Gomez", "Holm", "Iqbal", "Juarez",
        "Keller", "Laine", "Marsh", "Nowak", "Ortiz", "Pires", "Rahman", "Stone", "Torres",
    ];

    public static readonly string[] Topics =
    [
        "coffee", "espresso", "latte-art", "brewing", "fair-trade", "sustainability", "recipes", "cafes", "travel", "food", "baking", "tea",
    ];

    /// <summary>Relative activity by hour of day (UTC): quiet at night, peaks at lunch and in the evening.</summary>
    public static readonly double[] HourWeights =
    [
        1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.2, 2.6, 2.8, 3.0, 3.2, 3.1, 2.9, 2.8, 2.9, 3.1, 3.4, 3.6, 3.3, 2.7, 2.0, 1.4,
    ];
}
