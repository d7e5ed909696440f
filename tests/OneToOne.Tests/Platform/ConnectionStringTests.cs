using Npgsql;
using OneToOne.Platform.Data;

namespace OneToOne.Tests.Platform;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Postgres_connections_prepare_repeated_statements_by_default()
    {
        var builder = new NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString("Host=db;Database=onetoone;Username=app"));

        Assert.Equal(200, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.Equal("db", builder.Host);
        Assert.Equal("onetoone", builder.Database);
    }

    [Fact]
    public void An_operator_can_turn_automatic_preparation_off()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DataModule.PostgresConnectionString("Host=db;Database=onetoone;Max Auto Prepare=0;Auto Prepare Min Usages=5"));

        Assert.Equal(0, builder.MaxAutoPrepare);
        Assert.Equal(5, builder.AutoPrepareMinUsages);
    }
}
