using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OneToOne.Platform.Data;

/// <summary>Finds migrations by the migrations project's marker type rather than by the DbContext type,
/// so each migrations project references EF Core only and the app references both
/// (docs/adr/0003-two-migration-sets.md). Generated files are re-pointed to the marker by scripts/add-migration.sh.</summary>
internal sealed class MarkerMigrationsAssembly : IMigrationsAssembly
{
    private readonly Type _marker;
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public MarkerMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        _idGenerator = idGenerator;
        var name = options.Extensions.OfType<RelationalOptionsExtension>().Single().MigrationsAssembly
            ?? throw new InvalidOperationException("Set the migrations assembly for the chosen database provider.");
        Assembly = Assembly.Load(new AssemblyName(name));
        _marker = Assembly.GetTypes().Single(t => t.Name.EndsWith("MigrationsMarker", StringComparison.Ordinal));
        _migrations = new(FindMigrations);
        _snapshot = new(FindSnapshot);
    }

    public Assembly Assembly { get; }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private bool IsOurs(Type t) => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _marker;

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && IsOurs(t)))
        {
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id;
            if (id is not null)
            {
                found.Add(id, type.GetTypeInfo());
            }
        }

        return found;
    }

    private ModelSnapshot? FindSnapshot()
    {
        var type = Assembly.GetTypes().SingleOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)) && IsOurs(t));
        return type is null ? null : (ModelSnapshot)Activator.CreateInstance(type)!;
    }
}
