using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OneToOne.Allocation;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.Platform.Data;

/// <summary>The one database. Every <see cref="ITenantOwned"/> row is filtered to the acting user's
/// organisation; a query that must cross organisations says so with IgnoreQueryFilters().</summary>
public sealed class OneToOneDb(DbContextOptions<OneToOneDb> options, CurrentUser currentUser, TimeProvider clock, AuditBatcher auditBatcher)
    : IdentityDbContext<StaffAccount, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<StaffRole> StaffRoles => Set<StaffRole>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<TriageDecision> TriageDecisions => Set<TriageDecision>();
    public DbSet<KeyWorkerAssignment> KeyWorkerAssignments => Set<KeyWorkerAssignment>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public CurrentUser CurrentUser => currentUser;

    public TimeProvider Clock => clock;

    /// <summary>Set by the audit writer itself, so its own saves commit here rather than queue again.</summary>
    public bool WriteAuditDirectly { get; set; }

    /// <summary>The organisation whose rows this context sees. Guid.Empty (sees nothing) when nobody is acting for one.</summary>
    public Guid TenantId => currentUser.OrganisationId ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OneToOneDb).Assembly);
        builder.Entity<StaffAccount>(b =>
        {
            b.Property(x => x.DisplayName).HasMaxLength(200);
            b.HasIndex(x => x.OrganisationId);
        });

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            var parameter = Expression.Parameter(entity.ClrType, "e");
            var filter = Expression.Lambda(
                Expression.Equal(
                    Expression.Property(parameter, nameof(ITenantOwned.OrganisationId)),
                    Expression.Property(Expression.Constant(this), nameof(TenantId))),
                parameter);
            entity.SetQueryFilter(filter);
        }

        ProviderConventions.Apply(this, builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.Configure(this, configurationBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: audit chaining is asynchronous.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenancyAndVersions();
        var audits = ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (audits.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // A view or search on its own: hand the events to the group-commit writer and wait for them to be committed.
        if (!WriteAuditDirectly && auditBatcher.Running && Database.CurrentTransaction is null
            && ChangeTracker.Entries().All(e => e.State == EntityState.Unchanged || e.State == EntityState.Detached || e.Entity is AuditEvent))
        {
            foreach (var audit in audits)
            {
                Entry(audit).State = EntityState.Detached;
            }

            await auditBatcher.WriteAsync(audits, cancellationToken);
            return audits.Count;
        }

        // The audit rows are written in the same transaction as the change they describe.
        var ownTransaction = Database.CurrentTransaction is null;
        var transaction = Database.CurrentTransaction ?? await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await AuditChain.AssignAsync(this, audits, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private void StampTenancyAndVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is ITenantOwned owned && entry.State == EntityState.Added)
            {
                if (owned.OrganisationId == Guid.Empty)
                {
                    owned.OrganisationId = TenantId;
                }

                if (owned.OrganisationId == Guid.Empty || (currentUser.OrganisationId is { } org && owned.OrganisationId != org))
                {
                    throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} may only be created in the acting organisation.");
                }
            }

            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
            {
                versioned.Version = Guid.NewGuid();
            }
        }
    }
}
