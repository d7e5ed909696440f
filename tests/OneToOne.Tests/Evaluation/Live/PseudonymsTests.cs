using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using OneToOne.Evaluation;
using OneToOne.Evaluation.Live;

namespace OneToOne.Tests.Evaluation.Live;

public sealed class PseudonymsTests
{
    private const string Key = "a-test-key-that-is-long-enough-0123456789";

    [Fact]
    public void The_same_person_always_gets_the_same_pseudonym_and_different_people_different_ones()
    {
        var pseudonyms = new Pseudonyms(Key);
        var id = Guid.CreateVersion7();
        Assert.Equal(pseudonyms.For(id), pseudonyms.For(id));
        Assert.NotEqual(pseudonyms.For(id), pseudonyms.For(Guid.CreateVersion7()));
    }

    [Fact]
    public void A_pseudonym_depends_on_the_secret_key_and_does_not_contain_the_id()
    {
        var id = Guid.CreateVersion7();
        var one = new Pseudonyms(Key).For(id);
        var other = new Pseudonyms(Key + "x").For(id);
        Assert.NotEqual(one, other);
        Assert.DoesNotContain(id.ToString("N")[..8], one, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_pseudonym_is_16_base32_characters_of_an_HMAC_SHA256()
    {
        var id = Guid.Parse("01936f4e-0000-7000-8000-000000000001");
        var pseudonym = new Pseudonyms(Key).For(id);
        Assert.Matches("^[A-Z2-7]{16}$", pseudonym);
        // Independently: HMAC-SHA256(key, the id's 16 bytes big-endian), first 10 bytes in RFC 4648 base32.
        var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key), id.ToByteArray(bigEndian: true));
        Assert.Equal(Pseudonyms.Base32(mac.AsSpan(0, 10)), pseudonym);
    }

    [Theory]
    [InlineData("fooba", "MZXW6YTB")]   // RFC 4648 section 10 test vector
    [InlineData("", "")]
    public void Base32_matches_the_RFC_4648_test_vectors(string text, string expected) =>
        Assert.Equal(expected, Pseudonyms.Base32(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "", false)]
    [InlineData("Production", "too-short", false)]
    [InlineData("Production", Pseudonyms.DevelopmentKey, false)]
    [InlineData("Production", Key, true)]
    [InlineData("Staging", null, false)]
    [InlineData("Development", null, true)]
    [InlineData("Testing", null, true)]
    public void Outside_development_and_testing_start_up_needs_a_real_pseudonym_key(string environment, string? key, bool valid)
    {
        var result = new PseudonymKeyValidation(new Environment(environment)).Validate(null, new EvaluationOptions { PseudonymKey = key });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Evaluation:PseudonymKey", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void In_production_the_app_refuses_to_start_without_a_pseudonym_key()
    {
        using var app = new ProductionWithoutKey();
        var failure = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Evaluation:PseudonymKey", Flatten(failure), StringComparison.Ordinal);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "OneToOne";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    /// <summary>The app in Production with no key and no database work at start-up (options are validated as the host starts).</summary>
    private sealed class ProductionWithoutKey : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:OneToOne", "Data Source=" + Path.Combine(Path.GetTempPath(), "o2o-nokey-" + Guid.NewGuid().ToString("N") + ".db"));
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Database:SeedDemoData", "false");
            builder.UseSetting("Evaluation:PseudonymKey", "");
        }
    }
}
