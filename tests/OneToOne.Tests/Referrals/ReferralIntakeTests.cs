using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Referrals;

public abstract class ReferralIntakeTests(OneToOneApp app)
{
    private Guid OrgA => app.World.Org("A");

    // ---- the page ----

    [Fact]
    public async Task A_referral_recorded_on_the_page_creates_the_person_and_a_referral_waiting_for_triage()
    {
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var nhs = Kit.NewNhs();
        var form = Kit.Form(nhs, received: new DateOnly(2027, 1, 4));
        form["Input.Referral.Needs[]"] = "OngoingTreatment|LivesAloneOrLimitedSupport";
        var response = await client.SubmitFormAsync("/referrals/new", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (person, referral, audits) = await app.WithDbAsync(OrgA, async db =>
        {
            var p = await db.People.SingleAsync(x => x.NhsNumber == nhs);
            var r = await db.Referrals.SingleAsync(x => x.PersonId == p.Id);
            var a = await db.AuditEvents.Where(e => e.PersonId == p.Id).Select(e => e.Action).ToListAsync();
            return (p, r, a);
        });
        Assert.Equal("LS6 2AB", person.Postcode);
        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal("page", referral.Channel);
        Assert.Equal(new DateOnly(2027, 1, 11), referral.TriageDueOn); // Mon 4 Jan + 5 working days
        Assert.Equal(NeedIndicators.OngoingTreatment | NeedIndicators.LivesAloneOrLimitedSupport, referral.NeedIndicators);
        Assert.Equal(PathwayLevel.SharedCare, referral.SuggestedLevel);
        Assert.Contains("person.create", audits);
        Assert.Contains("referral.create", audits);
        Assert.Equal($"/referrals/{referral.Id}", response.Headers.Location?.OriginalString);

        var page = await client.GetAsync($"/referrals/{referral.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Referral recorded", html, StringComparison.Ordinal);
        Assert.Contains(NhsNumber.Format(nhs), html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "view" && e.EntityType == "Referral" && e.EntityId == referral.Id.ToString())));
    }

    public static TheoryData<string, string, string> BadPageInputs() => new()
    {
        { "Input.Person.NhsNumber", "943 476 5910", NhsNumber.CheckDigitMessage },
        { "Input.Person.NhsNumber", "943 476 591", NhsNumber.WrongLengthMessage },
        { "Input.Person.NhsNumber", "943 476 59AB", NhsNumber.NotNumericMessage },
        { "Input.Person.FamilyName", "", "Enter the person's family name" },
        { "Input.Person.GivenName", new string('a', 101), "Given name must be 100 characters or fewer" },
        { "Input.Person.Postcode", "NOT A POSTCODE", PersonRules.PostcodeFormatMessage },
        { "Input.Person.Email", "not-an-email", PersonRules.EmailFormatMessage },
        { "Input.Person.TumourSite", "", "Select the tumour site" },
        { "Input.Person.Ethnicity", "Q", PersonRules.EthnicityMessage },
        { "Input.Referral.Reason", new string('x', 2001), "Reason for referral must be 2000 characters or fewer" },
        { "Input.Referral.ReferrerName", "", "Enter the referrer's name" },
    };

    [Theory]
    [MemberData(nameof(BadPageInputs))]
    public async Task Each_bad_input_on_the_page_is_named_in_the_error_summary_and_nothing_is_stored(string field, string value, string message)
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var before = await Kit.CountsAsync(app, OrgA);
        var form = Kit.Form(Kit.NewNhs());
        form[field] = value;
        var response = await client.SubmitFormAsync("/referrals/new", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync());
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    [Fact]
    public async Task A_birth_date_in_the_future_and_treatment_ending_before_diagnosis_are_refused()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var before = await Kit.CountsAsync(app, OrgA);
        var form = Kit.Form(Kit.NewNhs());
        Kit.Date(form, "Input.Person.DateOfBirth", FixedClock.Today.AddDays(1));
        Kit.Date(form, "Input.Person.DiagnosisDate", new DateOnly(2026, 6, 1));
        Kit.Date(form, "Input.Person.TreatmentEndDate", new DateOnly(2026, 5, 1));
        var errors = await (await client.SubmitFormAsync("/referrals/new", form)).ErrorSummaryAsync();

        Assert.Contains(PersonRules.BirthInFutureMessage, errors);
        Assert.Contains(PersonRules.TreatmentBeforeDiagnosisMessage, errors);
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    [Fact]
    public async Task A_received_date_in_the_future_or_over_a_year_ago_is_refused()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var future = await client.SubmitFormAsync("/referrals/new", Kit.Form(Kit.NewNhs(), received: FixedClock.Today.AddDays(1)));
        Assert.Contains(ReferralRules.ReceivedInFutureMessage, await future.ErrorSummaryAsync());
        var old = await client.SubmitFormAsync("/referrals/new", Kit.Form(Kit.NewNhs(), received: FixedClock.Today.AddYears(-1).AddDays(-1)));
        Assert.Contains(ReferralRules.ReceivedTooLongAgoMessage, await old.ErrorSummaryAsync());
    }

    [Fact]
    public async Task A_second_referral_for_someone_with_an_open_referral_is_linked_not_duplicated()
    {
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var nhs = Kit.NewNhs();
        await client.SubmitFormAsync("/referrals/new", Kit.Form(nhs, received: new DateOnly(2026, 11, 3)));
        var form = Kit.Form(nhs, received: new DateOnly(2027, 1, 5), referrer: "Dr Other");
        form["Input.Person.GivenName"] = "Alexandra";
        form["Input.Person.Phone"] = "07700 900982";
        var second = await client.SubmitFormAsync("/referrals/new", form);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var (person, referrals) = await app.WithDbAsync(OrgA, async db =>
        {
            var p = await db.People.SingleAsync(x => x.NhsNumber == nhs);
            return (p, await db.Referrals.Where(r => r.PersonId == p.Id).OrderBy(r => r.ReceivedOn).ToListAsync());
        });
        Assert.Equal(2, referrals.Count);
        Assert.Equal(ReferralStatus.Received, referrals[0].Status);
        Assert.Equal(ReferralStatus.Linked, referrals[1].Status);
        Assert.Equal(referrals[0].Id, referrals[1].LinkedToReferralId);
        // The existing record is kept (name not overwritten); a blank field is filled.
        Assert.Equal("Alex", person.GivenName);
        Assert.Equal("07700 900982", person.Phone);
        var page = await (await client.GetAsync(second.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("This person already has an open referral, received 3 Nov 2026. This referral has been linked to it.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_referral_on_the_page_is_refused_with_a_clear_message()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var nhs = Kit.NewNhs();
        await client.SubmitFormAsync("/referrals/new", Kit.Form(nhs, received: new DateOnly(2027, 1, 4)));
        var before = await Kit.CountsAsync(app, OrgA);
        var again = await client.SubmitFormAsync("/referrals/new", Kit.Form(nhs, received: new DateOnly(2027, 1, 4)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await again.ParseAsync();
        Assert.Contains(ReferralRules.DuplicateMessage, page.QuerySelector(".nhsuk-error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    // ---- the API ----

    [Fact]
    public async Task The_api_records_a_referral_and_answers_201_with_its_location_and_suggestion()
    {
        var api = app.ApiClient("A");
        var nhs = Kit.NewNhs();
        var response = await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(nhs, received: "2026-12-22"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dto = await response.Content.ReadFromJsonAsync<ReferralDto>();
        Assert.NotNull(dto);
        Assert.Equal($"/api/v1/referrals/{dto.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Received", dto.Status);
        Assert.Equal("SharedCare", dto.SuggestedLevel);
        Assert.NotEmpty(dto.SuggestionReasons);
        Assert.Equal(new DateOnly(2026, 12, 31), dto.TriageDueOn); // over Christmas, Boxing Day (substitute) and the weekend
        Assert.Null(dto.LinkedToReferralId);

        var got = await api.GetFromJsonAsync<ReferralDto>($"/api/v1/referrals/{dto.Id}");
        Assert.Equal(dto.Id, got!.Id);
        var person = await api.GetFromJsonAsync<PersonDto>($"/api/v1/people/{dto.PersonId}");
        Assert.Equal(nhs, person!.NhsNumber);
        var found = await api.GetFromJsonAsync<List<PersonDto>>($"/api/v1/people?nhsNumber={Uri.EscapeDataString(NhsNumber.Format(nhs))}");
        Assert.Single(found!);
        var actions = await app.WithDbAsync(OrgA, db => db.AuditEvents.Where(e => e.PersonId == dto.PersonId).Select(e => e.Action + ":" + e.Role).ToListAsync());
        Assert.Contains("referral.create:ApiClient", actions);
        Assert.Contains("view:ApiClient", actions);
    }

    [Fact]
    public async Task Bad_api_input_gets_a_validation_problem_with_camel_case_field_keys_and_nothing_is_stored()
    {
        var api = app.ApiClient("A");
        var before = await Kit.CountsAsync(app, OrgA);
        var response = await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body("9434765910", received: "2027-13-01",
            person: p =>
            {
                p["dateOfBirth"] = "2030-01-01";
                p["familyName"] = null;
                p["diagnosisDate"] = "2026-06-01";
                p["treatmentEndDate"] = "2026-05-01";
                p["givenName"] = new string('g', 101);
            }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal(NhsNumber.CheckDigitMessage, errors.GetProperty("person.nhsNumber")[0].GetString());
        Assert.Equal(PersonRules.BirthInFutureMessage, errors.GetProperty("person.dateOfBirth")[0].GetString());
        Assert.Equal("Enter the person's family name", errors.GetProperty("person.familyName")[0].GetString());
        Assert.Equal("Given name must be 100 characters or fewer", errors.GetProperty("person.givenName")[0].GetString());
        Assert.Equal(PersonRules.TreatmentBeforeDiagnosisMessage, errors.GetProperty("person.treatmentEndDate")[0].GetString());
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("referral.receivedOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    [Fact]
    public async Task A_duplicate_referral_through_the_api_gets_409()
    {
        var api = app.ApiClient("A");
        var nhs = Kit.NewNhs();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(nhs))).StatusCode);
        var before = await Kit.CountsAsync(app, OrgA);
        var again = await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(nhs));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(ReferralRules.DuplicateMessage, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_first_answer_and_a_different_body_gets_422()
    {
        var api = app.ApiClient("A");
        var nhs = Kit.NewNhs();
        var key = Guid.NewGuid().ToString();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(Kit.Body(nhs)) };
        first.Headers.Add("Idempotency-Key", key);
        var a = await api.SendAsync(first);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(Kit.Body(nhs)) };
        retry.Headers.Add("Idempotency-Key", key);
        var b = await api.SendAsync(retry);
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(Kit.Body(Kit.NewNhs())) };
        other.Headers.Add("Idempotency-Key", key);
        var c = await api.SendAsync(other);

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.Equal((await a.Content.ReadFromJsonAsync<ReferralDto>())!.Id, (await b.Content.ReadFromJsonAsync<ReferralDto>())!.Id);
        Assert.Equal(a.Headers.Location, b.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, c.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(OrgA, db => db.Referrals.CountAsync(r => r.Person!.NhsNumber == nhs)));
    }

    [Fact]
    public async Task A_token_for_another_organisation_sees_nothing_of_this_one()
    {
        var nhs = Kit.NewNhs();
        var created = await (await app.ApiClient("A").PostAsJsonAsync("/api/v1/referrals", Kit.Body(nhs))).Content.ReadFromJsonAsync<ReferralDto>();
        var b = app.ApiClient("B");
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/referrals/{created!.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/people/{created.PersonId}")).StatusCode);
        Assert.Empty((await b.GetFromJsonAsync<List<PersonDto>>($"/api/v1/people?nhsNumber={nhs}"))!);
        var queue = await b.GetFromJsonAsync<QueuePageDto>("/api/v1/referrals?status=Received");
        Assert.DoesNotContain(queue!.Items, i => i.Id == created.Id);
        var staffB = await app.SignInAsync("B", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await staffB.GetAsync($"/referrals/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staffB.GetAsync($"/people/{created.PersonId}")).StatusCode);
    }

    [Fact]
    public async Task Api_clients_and_support_workers_may_not_triage()
    {
        // A record route outside the caller's role answers 404, like another organisation's record (ADR 0004).
        var created = await (await app.ApiClient("A").PostAsJsonAsync("/api/v1/referrals", Kit.Body(Kit.NewNhs()))).Content.ReadFromJsonAsync<ReferralDto>();
        var body = new { decision = "Accept", level = "SharedCare", reason = "Fits shared care" };
        Assert.Equal(HttpStatusCode.NotFound, (await app.ApiClient("A").PostAsJsonAsync($"/api/v1/referrals/{created!.Id}/triage", body)).StatusCode);
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostAsJsonAsync($"/api/v1/referrals/{created.Id}/triage", body)).StatusCode);
        var page = await worker.GetAsync($"/referrals/{created.Id}/triage");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(ReferralStatus.Received, await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Id == created.Id).Select(r => r.Status).SingleAsync()));

        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var ok = await practitioner.PostAsJsonAsync($"/api/v1/referrals/{created.Id}/triage", body);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Accepted", (await ok.Content.ReadFromJsonAsync<ReferralDto>())!.Status);
    }

    // ---- CSV ----

    [Fact]
    public async Task A_csv_upload_keeps_good_rows_and_reports_each_bad_row_by_row_and_column()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var header = string.Join(',', ReferralCsvImport.Columns.Select(c => c.Column));
        string Row(string nhs, string dob = "1960-04-01", string received = "2027-01-05", string referrer = "Dr Csv") =>
            $"{nhs},Casey,Csv,{dob},Female,,LS6 2AB,breast,,,,,,no,,yes,HospitalTeam,{referrer},,{received},\"Support, please\",,Routine,OngoingTreatment;FinancialOrHousingDifficulty";
        var good1 = Kit.NewNhs();
        var good2 = Kit.NewNhs();
        var dup = Kit.NewNhs();
        var csv = string.Join("\r\n",
            header,
            Row(good1),                                   // row 2: good
            Row("9434765910"),                            // row 3: bad check digit
            "1,2,3",                                      // row 4: wrong column count
            Row(good2, dob: "2030-01-01"),                // row 5: birth in the future
            $"{Kit.NewNhs()},Casey,\"Cs\"v,1960-04-01,Female,,LS6 2AB,breast,,,,,,no,,yes,HospitalTeam,Dr Csv,,2027-01-05,Reason,,Routine,", // row 6: bad quoting
            Row(dup),                                     // row 7: good
            Row(dup),                                     // row 8: duplicate of row 7
            Row(good2)) + "\r\n";                         // row 9: good
        var before = await Kit.CountsAsync(app, OrgA);
        var response = await Kit.UploadAsync(client, csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var rows = page.QuerySelectorAll(".app-upload-errors tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[0] == "3" && r[1] == "nhs_number" && r[2] == NhsNumber.CheckDigitMessage);
        Assert.Contains(rows, r => r[0] == "4" && r[1] == "Whole row" && r[2].Contains("has 3 values", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "5" && r[1] == "date_of_birth" && r[2] == PersonRules.BirthInFutureMessage);
        Assert.Contains(rows, r => r[0] == "6" && r[1] == "Whole row" && r[2].Contains("quote", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "8" && r[2].Contains(ReferralRules.DuplicateMessage, StringComparison.Ordinal));
        Assert.Equal(5, rows.Select(r => r[0]).Distinct().Count());
        Assert.Contains("3 of 8 rows were recorded", page.QuerySelector(".app-upload-result")?.TextContent, StringComparison.Ordinal);
        Assert.Equal((before.People + 3, before.Referrals + 3), await Kit.CountsAsync(app, OrgA));
        var channels = await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Person!.NhsNumber == good1).Select(r => r.Channel).ToListAsync());
        Assert.Equal(["csv"], channels);
    }

    [Fact]
    public async Task Ethnicity_given_on_the_page_through_the_api_or_in_a_csv_row_is_stored_as_its_code_and_read_back()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var api = app.ApiClient("A");
        async Task<string?> Stored(string nhs) => await app.WithDbAsync(OrgA, db => db.People.Where(p => p.NhsNumber == nhs).Select(p => p.Ethnicity).SingleAsync());

        var onPage = Kit.NewNhs();
        var form = Kit.Form(onPage);
        form["Input.Person.Ethnicity"] = "H";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/referrals/new", form)).StatusCode);
        Assert.Equal("H", await Stored(onPage));

        var viaApi = Kit.NewNhs();
        var response = await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(viaApi, person: p => p["ethnicity"] = "m"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dto = await response.Content.ReadFromJsonAsync<ReferralDto>();
        Assert.Equal("M", (await api.GetFromJsonAsync<PersonDto>($"/api/v1/people/{dto!.PersonId}"))!.Ethnicity);
        using (var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/people/{dto.PersonId}")))
        {
            Assert.Equal("M", json.RootElement.GetProperty("ethnicity").GetString());
        }

        var notStated = Kit.NewNhs();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(notStated, person: p => p["ethnicity"] = "99"))).StatusCode);
        Assert.Equal("99", await Stored(notStated));
        var none = Kit.NewNhs();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(none))).StatusCode);
        Assert.Null(await Stored(none));

        var inCsv = Kit.NewNhs();
        var header = string.Join(',', ReferralCsvImport.Columns.Select(c => c.Column));
        var csv = header + "\r\n" + $"{inCsv},Casey,Csv,1960-04-01,Female,Z,LS6 2AB,breast,,,,,,no,,yes,HospitalTeam,Dr Csv,,2027-01-05,Reason,,Routine,\r\n";
        var page = await (await Kit.UploadAsync(client, csv)).ParseAsync();
        Assert.Contains("1 of 1 row was recorded", page.QuerySelector(".app-upload-result")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Z", await Stored(inCsv));
    }

    [Fact]
    public async Task An_unknown_ethnicity_code_through_the_api_or_a_csv_row_is_refused_and_nothing_is_stored()
    {
        var api = app.ApiClient("A");
        var before = await Kit.CountsAsync(app, OrgA);
        var response = await api.PostAsJsonAsync("/api/v1/referrals", Kit.Body(Kit.NewNhs(), person: p => p["ethnicity"] = "White British"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(ReferralText.EthnicityCodesMessage, json.RootElement.GetProperty("errors").GetProperty("person.ethnicity")[0].GetString());
        }

        var client = await app.SignInAsync("A", Roles.TeamLead);
        var header = string.Join(',', ReferralCsvImport.Columns.Select(c => c.Column));
        var csv = header + "\r\n" + $"{Kit.NewNhs()},Casey,Csv,1960-04-01,Female,Q,LS6 2AB,breast,,,,,,no,,yes,HospitalTeam,Dr Csv,,2027-01-05,Reason,,Routine,\r\n";
        var page = await (await Kit.UploadAsync(client, csv)).ParseAsync();
        var rows = page.QuerySelectorAll(".app-upload-errors tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[0] == "2" && r[1] == "ethnicity" && r[2] == ReferralText.EthnicityCodesMessage);
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    [Fact]
    public async Task A_csv_over_5_mb_or_with_a_wrong_header_is_refused_whole_with_a_clear_message()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var before = await Kit.CountsAsync(app, OrgA);
        var big = await Kit.UploadAsync(client, string.Join(',', ReferralCsvImport.Columns.Select(c => c.Column)) + "\r\n" + new string('x', 5 * 1024 * 1024));
        Assert.Contains(ReferralCsvImport.TooBigMessage, await big.ErrorSummaryAsync());
        var wrong = await Kit.UploadAsync(client, "nhs,name\r\n1,2\r\n");
        Assert.Contains(await wrong.ErrorSummaryAsync(), e => e.StartsWith("The header row does not match the template", StringComparison.Ordinal));
        Assert.Equal(before, await Kit.CountsAsync(app, OrgA));
    }

    [Fact]
    public async Task The_csv_template_downloads_with_the_documented_header_and_imports_cleanly()
    {
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var response = await client.GetAsync("/referrals/upload/template.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var template = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("nhs_number,given_name,family_name,date_of_birth", template, StringComparison.Ordinal);
        var example = template.Replace("999 000 0018", NhsNumber.Format(Kit.NewNhs()), StringComparison.Ordinal);
        var page = await (await Kit.UploadAsync(client, example)).ParseAsync();
        Assert.Contains("1 of 1 row was recorded", page.QuerySelector(".app-upload-result")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".app-upload-errors tbody tr"));
    }
}

public sealed class ReferralIntakeOnSqlite(ClockedSqliteApp app) : ReferralIntakeTests(app), IClassFixture<ClockedSqliteApp>;

public sealed class ReferralIntakeOnPostgres(ClockedPostgresApp app) : ReferralIntakeTests(app), IClassFixture<ClockedPostgresApp>;
