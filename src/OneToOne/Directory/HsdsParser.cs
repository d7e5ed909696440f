using System.Globalization;
using System.Text.Json;

namespace OneToOne.ServiceDirectory;

/// <summary>One service read from an HSDS file, ready to save.</summary>
internal sealed record HsdsService(
    int Index, string ExternalId, string Name, string ProviderOrganisationName, string? Description, string? Eligibility,
    bool Nationwide, IReadOnlyList<string> Districts, string? Phone, string? Email, string? Website, string? Address,
    HowToUse HowToUse, bool Active, IReadOnlyList<string> Codes);

/// <summary>A record left out, and why. Index is 1-based within the file's services.</summary>
public sealed record HsdsProblem(int Index, string? Id, string Reason);

internal sealed record HsdsParse(string? FileError, IReadOnlyList<HsdsService> Services, IReadOnlyList<HsdsProblem> Problems, IReadOnlyList<HsdsProblem> Warnings);

/// <summary>Reads Open Referral UK (HSDS) JSON: either an array of services with their organisation, locations,
/// contacts and taxonomies nested, or an object of tables ("services", "organizations", "taxonomies", and
/// optionally "service_taxonomies", "locations", "service_at_locations", "physical_addresses"/"postal_addresses",
/// "phones") joined by id. Each service record is parsed on its own, so one malformed record is listed and the
/// others are kept. Unknown fields are ignored. Pure: no I/O.</summary>
internal static class HsdsParser
{
    private static readonly string[] NationalWords = ["national", "nationwide", "united kingdom", "uk", "england", "wales", "scotland", "northern ireland", "gb", "great britain"];

    public static HsdsParse Parse(string text)
    {
        var problems = new List<HsdsProblem>();
        var warnings = new List<HsdsProblem>();
        List<string> serviceTexts;
        Tables tables;
        try
        {
            (serviceTexts, tables) = Split(text);
        }
        catch (FormatException e)
        {
            return new HsdsParse(e.Message, [], [], []);
        }

        var services = new List<HsdsService>();
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < serviceTexts.Count; i++)
        {
            var index = i + 1;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(serviceTexts[i]);
            }
            catch (JsonException e)
            {
                problems.Add(new HsdsProblem(index, null, "The record is not valid JSON: " + FirstSentence(e.Message)));
                continue;
            }

            using (doc)
            {
                var record = doc.RootElement;
                if (record.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new HsdsProblem(index, null, "The record is not a JSON object"));
                    continue;
                }

                var result = ReadService(index, record, tables, warnings);
                if (result.Problem is not null)
                {
                    problems.Add(result.Problem);
                    continue;
                }

                var service = result.Service!;
                if (firstIndexOfId.TryGetValue(service.ExternalId, out var first))
                {
                    problems.Add(new HsdsProblem(index, service.ExternalId, $"The id is used again (first used by record {first})"));
                    continue;
                }

                firstIndexOfId[service.ExternalId] = index;
                services.Add(service);
            }
        }

        return new HsdsParse(null, services, problems, warnings);
    }

    private static (HsdsService? Service, HsdsProblem? Problem) ReadService(int index, JsonElement s, Tables tables, List<HsdsProblem> warnings)
    {
        var id = Str(s, "id");
        var reasons = new List<string>();
        if (string.IsNullOrWhiteSpace(id))
        {
            reasons.Add("Missing id");
        }
        else if (id.Length > DirectoryService.ExternalIdMax)
        {
            reasons.Add($"The id must be {DirectoryService.ExternalIdMax} characters or fewer");
        }

        var name = Str(s, "name")?.Trim();
        if (string.IsNullOrWhiteSpace(name))
        {
            reasons.Add("Missing name");
        }
        else if (name.Length > DirectoryService.NameMax)
        {
            reasons.Add($"The name must be {DirectoryService.NameMax} characters or fewer");
        }

        var email = Str(s, "email")?.Trim();
        if (!string.IsNullOrEmpty(email) && !DirectoryRules.IsEmail(email))
        {
            reasons.Add($"The email address \"{Clip(email)}\" is not valid");
        }

        var website = Str(s, "url")?.Trim();
        if (!string.IsNullOrEmpty(website) && !DirectoryRules.IsWebsite(website))
        {
            reasons.Add($"The website \"{Clip(website)}\" is not a web address");
        }

        if (reasons.Count > 0)
        {
            return (null, new HsdsProblem(index, string.IsNullOrWhiteSpace(id) ? null : id, string.Join("; ", reasons)));
        }

        // Organisation: nested, or by organization_id from the organisations table.
        var organisation = s.TryGetProperty("organization", out var org) && org.ValueKind == JsonValueKind.Object
            ? Str(org, "name")
            : Str(s, "organization_id") is { } orgId && tables.Organisations.TryGetValue(orgId, out var orgName) ? orgName : null;

        // Taxonomy terms: nested objects, ids into the taxonomies table, or the service_taxonomies link table.
        var terms = new List<string?>();
        foreach (var key in new[] { "taxonomies", "service_taxonomys", "service_taxonomies", "taxonomy_terms" })
        {
            foreach (var t in Array(s, key))
            {
                AddTerms(t, tables, terms);
            }
        }

        foreach (var taxonomyId in tables.ServiceTaxonomies.GetValueOrDefault(id!) ?? [])
        {
            terms.Add(taxonomyId);
            terms.Add(tables.Taxonomies.GetValueOrDefault(taxonomyId));
        }

        var mapping = TaxonomyMapping.Map(terms);
        if (mapping.UsedFallback)
        {
            warnings.Add(new HsdsProblem(index, id, terms.Count == 0
                ? "No taxonomy terms: listed under lifestyle, information and support"
                : "No taxonomy term matched a concern: listed under lifestyle, information and support"));
        }

        // Where: postcodes of its locations give districts; service areas can say it is national.
        var postcodes = new List<string>();
        var addresses = new List<string>();
        foreach (var key in new[] { "service_at_locations", "locations" })
        {
            foreach (var l in Array(s, key))
            {
                var location = l.TryGetProperty("location", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : l;
                ReadAddresses(location, postcodes, addresses);
                if (Str(l, "location_id") is { } locationId && tables.Locations.TryGetValue(locationId, out var known))
                {
                    postcodes.AddRange(known.Postcodes);
                    addresses.AddRange(known.Addresses);
                }
            }
        }

        foreach (var locationId in tables.ServiceLocations.GetValueOrDefault(id!) ?? [])
        {
            if (tables.Locations.TryGetValue(locationId, out var known))
            {
                postcodes.AddRange(known.Postcodes);
                addresses.AddRange(known.Addresses);
            }
        }

        var nationwide = false;
        var districts = new List<string>();
        foreach (var area in Array(s, "service_areas"))
        {
            var text = area.ValueKind == JsonValueKind.String ? area.GetString() : Str(area, "service_area");
            if (text is null)
            {
                continue;
            }

            if (NationalWords.Contains(text.Trim().ToLowerInvariant(), StringComparer.Ordinal))
            {
                nationwide = true;
            }
            else if (DirectoryRules.NormaliseDistrict(text) is { } d)
            {
                districts.Add(d);
            }
        }

        districts.AddRange(postcodes.Select(DirectoryRules.NormaliseDistrict).OfType<string>());
        districts = [.. districts.Distinct(StringComparer.Ordinal)];
        if (!nationwide && districts.Count == 0)
        {
            nationwide = true;
            warnings.Add(new HsdsProblem(index, id, "No postcode or service area: listed as nationwide"));
        }

        var phone = Array(s, "phones").Select(p => Str(p, "number")).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
            ?? Array(s, "contacts").SelectMany(c => Array(c, "phones")).Select(p => Str(p, "number")).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
            ?? tables.Phones.GetValueOrDefault(id!);
        var eligibility = Str(s, "eligibility")
            ?? string.Join("; ", Array(s, "eligibilitys").Concat(Array(s, "eligibilities")).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : Str(e, "eligibility")).OfType<string>());
        var process = (Str(s, "application_process") ?? "") + " " + (Str(s, "referral_method") ?? "") + " " + (Str(s, "how_to_use") ?? "");
        var status = Str(s, "status");

        return (new HsdsService(
            index, id!, name!, Clip(organisation ?? name!, DirectoryService.NameMax),
            ClipOrNull(Str(s, "description"), DirectoryService.DescriptionMax), ClipOrNull(eligibility, DirectoryService.EligibilityMax),
            nationwide, districts, ClipOrNull(phone, 50), ClipOrNull(email, 254), ClipOrNull(website, 500),
            ClipOrNull(addresses.FirstOrDefault(), 500),
            process.Contains("referral", StringComparison.OrdinalIgnoreCase) ? HowToUse.Referral : HowToUse.SignpostOnly,
            status is null || !(status.Equals("inactive", StringComparison.OrdinalIgnoreCase) || status.Equals("defunct", StringComparison.OrdinalIgnoreCase)),
            mapping.Codes), null);
    }

    private static void AddTerms(JsonElement t, Tables tables, List<string?> terms)
    {
        if (t.ValueKind == JsonValueKind.String)
        {
            var termId = t.GetString();
            terms.Add(termId);
            terms.Add(termId is null ? null : tables.Taxonomies.GetValueOrDefault(termId));
            return;
        }

        if (t.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var nested = t.TryGetProperty("taxonomy", out var tx) && tx.ValueKind == JsonValueKind.Object ? tx : t;
        foreach (var key in new[] { "id", "name", "term", "code" })
        {
            terms.Add(Str(nested, key));
        }

        if (Str(t, "taxonomy_id") is { } linked)
        {
            terms.Add(linked);
            terms.Add(tables.Taxonomies.GetValueOrDefault(linked));
        }
    }

    private static void ReadAddresses(JsonElement location, List<string> postcodes, List<string> addresses)
    {
        if (location.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var key in new[] { "postal_address", "postal_addresses", "physical_address", "physical_addresses", "address", "addresses" })
        {
            if (!location.TryGetProperty(key, out var value))
            {
                continue;
            }

            var list = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            foreach (var a in list.Where(a => a.ValueKind == JsonValueKind.Object))
            {
                if ((Str(a, "postal_code") ?? Str(a, "postcode")) is { } pc)
                {
                    postcodes.Add(pc);
                }

                var parts = new[] { Str(a, "address_1"), Str(a, "city"), Str(a, "postal_code") ?? Str(a, "postcode") }.Where(p => !string.IsNullOrWhiteSpace(p));
                var line = string.Join(", ", parts);
                if (line.Length > 0)
                {
                    addresses.Add(line);
                }
            }
        }
    }

    private sealed record Location(List<string> Postcodes, List<string> Addresses);

    private sealed class Tables
    {
        public Dictionary<string, string> Organisations { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Taxonomies { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> ServiceTaxonomies { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Location> Locations { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> ServiceLocations { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Phones { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The service records as separate texts, and the other tables read into lookups. Tries a strict parse
    /// first; when the file as a whole is not valid JSON, splits it by brackets so each record can fail on its own.</summary>
    private static (List<string> Services, Tables Tables) Split(string text)
    {
        var tables = new Tables();
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0)
        {
            throw new FormatException("The file is empty");
        }

        if (trimmed[0] == '[')
        {
            return (Elements(text, text.IndexOf('[', StringComparison.Ordinal)), tables);
        }

        if (trimmed[0] != '{')
        {
            throw new FormatException("The file must hold a JSON array of services, or an object with a \"services\" array");
        }

        List<string>? services = null;
        foreach (var (key, value) in Members(text, text.IndexOf('{', StringComparison.Ordinal)))
        {
            var start = FirstNonSpace(value);
            if (key == "services")
            {
                services = value[start] == '[' ? Elements(value, start) : throw new FormatException("\"services\" must be an array");
                continue;
            }

            // The other tables must each be valid JSON (a bad one would silently drop data from every service).
            if (key is "organizations" or "taxonomies" or "service_taxonomies" or "service_taxonomys" or "locations"
                or "service_at_locations" or "physical_addresses" or "postal_addresses" or "phones")
            {
                ReadTable(key, value, tables);
            }
        }

        return (services ?? throw new FormatException("The file has no \"services\" array"), tables);
    }

    private static void ReadTable(string key, string json, Tables tables)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The \"{key}\" table is not valid JSON: {FirstSentence(e.Message)}", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"\"{key}\" must be an array");
            }

            foreach (var row in doc.RootElement.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
            {
                var id = Str(row, "id");
                switch (key)
                {
                    case "organizations" when id is not null && Str(row, "name") is { } n:
                        tables.Organisations[id] = n;
                        break;
                    case "taxonomies" when id is not null:
                        tables.Taxonomies[id] = string.Join(" ", new[] { Str(row, "name"), Str(row, "term"), Str(row, "vocabulary") }.OfType<string>());
                        break;
                    case "service_taxonomies" or "service_taxonomys" when Str(row, "service_id") is { } sid && Str(row, "taxonomy_id") is { } tid:
                        AddTo(tables.ServiceTaxonomies, sid, tid);
                        break;
                    case "service_at_locations" when Str(row, "service_id") is { } sid && Str(row, "location_id") is { } lid:
                        AddTo(tables.ServiceLocations, sid, lid);
                        break;
                    case "locations" when id is not null:
                        var location = tables.Locations.TryGetValue(id, out var l) ? l : tables.Locations[id] = new Location([], []);
                        ReadAddresses(row, location.Postcodes, location.Addresses);
                        break;
                    case "physical_addresses" or "postal_addresses" when Str(row, "location_id") is { } lid:
                        var at = tables.Locations.TryGetValue(lid, out var existing) ? existing : tables.Locations[lid] = new Location([], []);
                        ReadAddresses(JsonDocument.Parse($"{{\"address\":{row.GetRawText()}}}").RootElement, at.Postcodes, at.Addresses);
                        break;
                    case "phones" when Str(row, "service_id") is { } sid && Str(row, "number") is { } number:
                        tables.Phones.TryAdd(sid, number);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static void AddTo(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static List<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : [];

    /// <summary>A string or number property as text; null when missing, null or another kind.</summary>
    private static string? Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static string Clip(string s, int max = 80) => s.Length <= max ? s : s[..max];

    private static string? ClipOrNull(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : Clip(s.Trim(), max);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // ---- A bracket- and string-aware scanner: enough structure to cut records apart, no more. ----

    private static int FirstNonSpace(string s, int from = 0)
    {
        while (from < s.Length && char.IsWhiteSpace(s[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>The end (exclusive) of the value starting at <paramref name="start"/>: a string, a bracketed
    /// container, or a bare token up to the next comma or closing bracket at this depth.</summary>
    private static int SkipValue(string s, int start)
    {
        var depth = 0;
        var i = start;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                i = SkipString(s, i);
                if (depth == 0)
                {
                    return i;
                }

                continue;
            }

            if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
            else if (c == ',' && depth == 0)
            {
                return i;
            }

            i++;
        }

        if (depth > 0)
        {
            throw new FormatException("The file is not valid JSON: a bracket is never closed");
        }

        return i;
    }

    private static int SkipString(string s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i + 1;
            }
        }

        throw new FormatException("The file is not valid JSON: a string is never closed");
    }

    /// <summary>The texts of the elements of the array opening at <paramref name="open"/>.</summary>
    private static List<string> Elements(string s, int open)
    {
        var items = new List<string>();
        var i = FirstNonSpace(s, open + 1);
        while (i < s.Length && s[i] != ']')
        {
            var end = SkipValue(s, i);
            var item = s[i..end].Trim();
            if (item.Length > 0)
            {
                items.Add(item);
            }

            i = FirstNonSpace(s, end);
            if (i < s.Length && s[i] == ',')
            {
                i = FirstNonSpace(s, i + 1);
            }
            else if (i < s.Length && s[i] != ']')
            {
                // Junk between records: skip to the next comma so the next record still gets read.
                var next = SkipValue(s, i);
                items.Add(s[i..next].Trim());
                i = FirstNonSpace(s, next);
                if (i < s.Length && s[i] == ',')
                {
                    i = FirstNonSpace(s, i + 1);
                }
            }
        }

        if (i >= s.Length)
        {
            throw new FormatException("The file is not valid JSON: the services array is never closed");
        }

        return items;
    }

    /// <summary>The top-level members of the object opening at <paramref name="open"/>: key and value text.</summary>
    private static List<(string Key, string Value)> Members(string s, int open)
    {
        var members = new List<(string, string)>();
        var i = FirstNonSpace(s, open + 1);
        while (i < s.Length && s[i] != '}')
        {
            if (s[i] != '"')
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The file is not valid JSON: expected a property name at character {i + 1}"));
            }

            var keyEnd = SkipString(s, i);
            var key = JsonSerializer.Deserialize<string>(s[i..keyEnd]) ?? "";
            i = FirstNonSpace(s, keyEnd);
            if (i >= s.Length || s[i] != ':')
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The file is not valid JSON: expected ':' at character {i + 1}"));
            }

            var valueStart = FirstNonSpace(s, i + 1);
            var valueEnd = SkipValue(s, valueStart);
            members.Add((key, s[valueStart..valueEnd]));
            i = FirstNonSpace(s, valueEnd);
            if (i < s.Length && s[i] == ',')
            {
                i = FirstNonSpace(s, i + 1);
            }
        }

        return members;
    }
}
