using System.Runtime.InteropServices;
using SQLitePCL;

namespace OneToOne.Platform.Data;

/// <summary>A SQLite statement's current-row values, for <see cref="RawValues"/>' reads of millions of rows.
/// <para>SQLitePCL passes the statement to SQLite as a SafeHandle, so every call counts a reference up and down with two
/// interlocked operations: 8% of the CPU of a national evaluation, more than SQLite's own work (bench/README.md). Here the
/// same functions of the same library are called with the statement's pointer instead. That is safe because the reader
/// that owns the statement is open for as long as its row is read. It is used only when SQLitePCL runs the bundled
/// e_sqlite3 library (as Microsoft.Data.Sqlite does by default) and it answers to this assembly's calls too, so both sides
/// talk to one loaded copy of SQLite; otherwise every call goes through SQLitePCL as before.</para>
/// <para>The column functions also skip the runtime's GC transition (SuppressGCTransition): each only reads the current
/// row's value, never blocks and never calls back, which is what that attribute asks of a native function.</para></summary>
internal static partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>Whether calls go straight to SQLite with the statement's pointer (else through SQLitePCL).</summary>
    public static readonly bool Direct = DirectWorks();

    public static int Type(sqlite3_stmt statement, int column) =>
        Direct ? NativeType(statement.DangerousGetHandle(), column) : raw.sqlite3_column_type(statement, column);

    public static long Int64(sqlite3_stmt statement, int column) =>
        Direct ? NativeInt64(statement.DangerousGetHandle(), column) : raw.sqlite3_column_int64(statement, column);

    public static double Double(sqlite3_stmt statement, int column) =>
        Direct ? NativeDouble(statement.DangerousGetHandle(), column) : raw.sqlite3_column_double(statement, column);

    /// <summary>A text or blob value's bytes, valid until the reader moves on (SQLite's own buffer; nothing is copied).</summary>
    public static unsafe ReadOnlySpan<byte> Bytes(sqlite3_stmt statement, int column)
    {
        if (!Direct)
        {
            return raw.sqlite3_column_blob(statement, column);
        }

        // As sqlite3_column_blob's documentation asks: the pointer first, then its length.
        var handle = statement.DangerousGetHandle();
        var bytes = NativeBlob(handle, column);
        var length = NativeBytes(handle, column);
        return bytes == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)bytes, length);
    }

    private static bool DirectWorks()
    {
        try
        {
            return string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal)
                && NativeVersion() == raw.sqlite3_libversion_number();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_libversion_number")]
    private static partial int NativeVersion();

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    private static partial int NativeType(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    private static partial long NativeInt64(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [SuppressGCTransition]
    private static partial double NativeDouble(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static partial IntPtr NativeBlob(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int NativeBytes(IntPtr statement, int column);
}
