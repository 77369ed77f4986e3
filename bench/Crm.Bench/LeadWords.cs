namespace Crm.Bench;

/// <summary>
/// Words the seeded leads are made of. Each list is drawn with Zipf-like weights (the first word
/// about 1/rank as often as the next ones), as names and words are in real data: so a search for
/// the first word of a list matches a large share of the table and one for the last word a few
/// hundred rows, which is the spread a search box meets.
/// </summary>
public static class LeadWords
{
    public static readonly string[] FirstNames =
    [
        "James", "Mary", "John", "Anna", "Robert", "Maria", "Michael", "Elena", "David", "Sarah", "William", "Laura", "Thomas", "Julia",
        "Daniel", "Emma", "Paul", "Olga", "Mark", "Sofia", "Peter", "Linda", "Andrew", "Irina", "George", "Karen", "Kevin", "Nina",
        "Brian", "Lisa", "Steven", "Natalia", "Edward", "Helen", "Jason", "Marta", "Ryan", "Eva", "Jacob", "Alice", "Gary", "Clara",
        "Nicholas", "Rachel", "Eric", "Hannah", "Jonathan", "Diana", "Stephen", "Victoria", "Larry", "Chloe", "Justin", "Grace",
        "Scott", "Zoe", "Brandon", "Lucia", "Benjamin", "Ingrid", "Samuel", "Petra", "Frank", "Agnes", "Gregory", "Beatrice", "Marek",
        "Ivana", "Tomasz", "Katarina", "Sven", "Freya", "Lars", "Astrid", "Pierre", "Camille", "Luca", "Giulia", "Hans", "Greta",
        "Dmitri", "Svetlana", "Pavel", "Milena", "Oskar", "Liv", "Raul", "Carmen", "Hugo", "Ines", "Emil", "Selma", "Aurelio",
        "Ottilie", "Casimir", "Wilhelmina", "Evander", "Philippa",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia", "Wilson", "Anderson", "Taylor", "Thomas",
        "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner",
        "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
        "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "James",
        "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan",
        "Fisher", "Hamilton", "Graham", "Wallace", "Cole", "West", "Jordan", "Reynolds", "Ellis", "Stevens", "Murray", "Ford",
        "Marshall", "Owens", "Harrison", "Fernandez", "Mcdonald", "Woods", "Kennedy", "Wells", "Henderson", "Novak", "Kowalski",
        "Nowak", "Horvat", "Kovac", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Muller", "Schmidt",
        "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Dubois", "Durand", "Lefebvre",
        "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Ivanov", "Petrov", "Sidorov", "Smirnov", "Popov", "Volkov", "Kuznetsov",
        "Sokolov", "Lebedev", "Kozlov", "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Johansson", "Karlsson",
        "Nilsson", "Eriksson", "Lindqvist", "Virtanen", "Korhonen", "Nieminen", "Makinen", "Horvath", "Nagy", "Toth", "Szabo",
        "Dvorak", "Svoboda", "Novotny", "Cerny", "Prochazka", "Silva", "Santos", "Oliveira", "Pereira", "Costa", "Martins",
        "Gomez", "Lopez", "Martinez", "Sanchez", "Perez", "Ramirez", "Torres", "Flores", "Rivera", "Morales", "Ortiz", "Castillo",
        "Vargas", "Romero", "Herrera", "Medina", "Aguilar", "Janssen", "Devries", "Bakker", "Visser", "Smit", "Meijer", "Mulder",
        "Bos", "Vos", "Peeters", "Maes", "Claes", "Wouters", "Goossens", "Byrne", "Ryan", "Obrien", "Walsh", "Mccarthy",
        "Doyle", "Lynch", "Quinn", "Kavanagh", "Papadopoulos", "Georgiou", "Nikolaidis", "Yilmaz", "Kaya", "Demir", "Sahin",
        "Celik", "Tanaka", "Suzuki", "Watanabe", "Kobayashi", "Nakamura", "Zielinski", "Wisniewski", "Lewandowski", "Kaminski",
        "Szymanski", "Wozniak", "Dabrowski", "Kozlowski", "Jankowski", "Mazur", "Krawczyk", "Grabowski", "Pawlak", "Michalski",
        "Okonkwo", "Adeyemi", "Mensah", "Abiodun", "Haddad", "Khoury", "Nasser", "Farouk", "Lindgren", "Bergstrom", "Sandoval",
        "Quintero", "Valdivia", "Ashworth", "Blackwood", "Pemberton", "Thistlewood", "Wetherby", "Fairweather", "Oakenshaw",
        "Brackenridge", "Quennell", "Vauxhall", "Zanetti", "Yevtushenko", "Xanthopoulos",
    ];

    public static readonly string[] CompanyWords =
    [
        "Global", "United", "North", "Blue", "Green", "First", "Prime", "Smart", "Bright", "Silver", "Golden", "Star", "River",
        "Ocean", "Summit", "Alpha", "Delta", "Nova", "Urban", "Royal", "Metro", "Pioneer", "Atlas", "Harbour", "Eagle", "Maple",
        "Cedar", "Granite", "Crystal", "Falcon", "Horizon", "Liberty", "Phoenix", "Sterling", "Vertex", "Zenith", "Orbit",
        "Keystone", "Beacon", "Lakeside", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Woodgrove", "Litware", "Adventure",
        "Wingtip", "Proseware", "Lucerne", "Margie", "Fourth", "Trey", "Wide", "Coho", "Alpine", "Baltic", "Danube", "Ember",
        "Juniper", "Quarry", "Saffron", "Tundra", "Wrenfield",
    ];

    public static readonly string[] CompanyTrades =
    [
        "Solutions", "Systems", "Logistics", "Foods", "Consulting", "Trading", "Services", "Technologies", "Group", "Partners",
        "Industries", "Software", "Construction", "Media", "Energy", "Health", "Retail", "Motors", "Finance", "Design", "Labs",
        "Textiles", "Pharma", "Furniture", "Printing", "Brewery", "Dental", "Optics", "Aviation", "Robotics",
    ];

    /// <summary>Syllables of made-up brand names (8,000 of three syllables): the long tail of company names, each a few dozen times.</summary>
    public static readonly string[] BrandSyllables =
        ["zor", "va", "ni", "kel", "tra", "mo", "quin", "bel", "dor", "fi", "ga", "lux", "ri", "pen", "so", "ta", "vel", "xo", "ny", "mar"];

    public static readonly string[] CompanySuffixes = ["Ltd", "Inc", "LLC", "GmbH", "SA", "BV", "AB", "Oy", "Sp"];

    public static readonly string[] TitleNeeds =
    [
        "Request", "Quote", "Inquiry", "Order", "Demo", "Offer", "Pricing", "Callback", "Consultation", "Proposal", "Tender",
        "Renewal", "Trial", "Meeting", "Question", "Complaint", "Partnership", "Estimate", "Sample", "Upgrade",
    ];

    public static readonly string[] TitleSubjects =
    [
        "website", "licences", "delivery", "support", "software", "chairs", "printers", "laptops", "training", "installation",
        "maintenance", "hosting", "migration", "audit", "consulting", "furniture", "servers", "network", "security", "cleaning",
        "catering", "marketing", "advertising", "translation", "design", "insurance", "leasing", "equipment", "spare parts",
        "uniforms", "packaging", "shipping", "warehouse", "accounting", "payroll", "recruiting", "coaching", "conference",
        "exhibition", "signage", "lighting", "flooring", "roofing", "plumbing", "heating", "ventilation", "solar panels",
        "generators", "forklifts", "scaffolding", "telescopes", "harpsichord", "taxidermy", "zeppelin",
    ];

    public static readonly string[] TitleExtras = ["", "", "", "", "urgent", "Q3", "2026", "for branch office", "annual", "pilot"];

    public static readonly string[] Segments = ["Enterprise", "Mid-market", "Small business", "Public sector", "Education", "Non-profit"];
}

/// <summary>Draws from a list with weights 1/rank^exponent (Zipf), from a seeded random source.</summary>
public sealed class ZipfPicker<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public ZipfPicker(IReadOnlyList<T> items, double exponent = 1.0)
    {
        _items = items.ToArray();
        _cumulative = new double[_items.Length];
        var sum = 0.0;
        for (var i = 0; i < _items.Length; i++) _cumulative[i] = sum += 1.0 / Math.Pow(i + 1, exponent);
        for (var i = 0; i < _items.Length; i++) _cumulative[i] /= sum;
    }

    public T Next(Random random)
    {
        var i = Array.BinarySearch(_cumulative, random.NextDouble());
        return _items[Math.Min(_items.Length - 1, i < 0 ? ~i : i)];
    }

    /// <summary>The share of draws that give the item at this rank (0-based).</summary>
    public double Share(int rank) => rank == 0 ? _cumulative[0] : _cumulative[rank] - _cumulative[rank - 1];
}
