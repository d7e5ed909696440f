using OneToOne.Allocation;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.Escalations;
using OneToOne.Evaluation;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Platform.Web;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;
using OneToOne.Supervision;
using OneToOne.Workforce;
using OneToOne.Worklists;

var builder = WebApplication.CreateBuilder(args.Where(a => !Commands.IsCommand(a)).ToArray());

builder.Services
    .AddOneToOneData(builder.Configuration, builder.Environment)
    .AddOneToOneAuth(builder.Configuration)
    .AddOneToOneWeb()
    .AddOneToOneHealth()
    .AddWorkforce(builder.Configuration)
    .AddPeople(builder.Configuration)
    .AddReferrals(builder.Configuration)
    .AddAllocation(builder.Configuration)
    .AddWorklists(builder.Configuration)
    .AddContacts(builder.Configuration)
    .AddDirectory(builder.Configuration)
    .AddAssessments(builder.Configuration)
    .AddPatientAccess(builder.Configuration)
    .AddCarePlans(builder.Configuration)
    .AddNotifications(builder.Configuration)
    .AddEscalations(builder.Configuration)
    .AddSupervision(builder.Configuration)
    .AddEvaluation(builder.Configuration)
    .AddBackgroundWork(builder.Configuration);

var app = builder.Build();

// `migrate`, `seed`, `audit verify`: run and exit without serving.
if (Commands.IsCommand(args.FirstOrDefault()))
{
    return await Commands.RunAsync(app, args);
}

await Startup.PrepareDatabaseAsync(app);

app.UseOneToOneWeb();
app.MapOneToOneHealth();
app.MapOneToOneWeb();
app.MapWorkforce();
app.MapPeople();
app.MapReferrals();
app.MapAllocation();
app.MapWorklists();
app.MapContacts();
app.MapDirectory();
app.MapAssessments();
app.MapPatientAccess();
app.MapCarePlans();
app.MapNotifications();
app.MapEscalations();
app.MapSupervision();
app.MapEvaluation();

await app.RunAsync();
return 0;
