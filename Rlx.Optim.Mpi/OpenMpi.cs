using System;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Mpi;

/// <summary>
/// The few calls of Open MPI's C library (<c>libmpi.so.40</c>, Open MPI 4.x) that sharded training needs. Open MPI
/// only: its handles are the addresses of the library's exported objects (<c>ompi_mpi_comm_world</c>, …), where
/// MPICH and MS-MPI use integer handles, so this binding does not work with them.
/// </summary>
internal static unsafe partial class OpenMpi
{
    public const string Library = "libmpi.so.40";

    /// <summary>Open MPI's <c>MPI_IN_PLACE</c>.</summary>
    public static readonly void* InPlace = (void*)1;

    private static readonly Lazy<Handles> Loaded = new(Handles.Load);

    /// <summary>The predefined handles, looked up on first use (the library loads then, not before).</summary>
    public static Handles Predefined => Loaded.Value;

    [LibraryImport(Library, EntryPoint = "MPI_Init")]
    public static partial int Init(int* argc, byte*** argv);

    [LibraryImport(Library, EntryPoint = "MPI_Initialized")]
    public static partial int Initialized(int* flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalized")]
    public static partial int Finalized(int* flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalize")]
    public static partial int Finalize();

    [LibraryImport(Library, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(nint comm, int* rank);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(nint comm, int* size);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_set_errhandler")]
    public static partial int CommSetErrhandler(nint comm, nint errhandler);

    [LibraryImport(Library, EntryPoint = "MPI_Allreduce")]
    public static partial int Allreduce(void* send, void* receive, int count, nint datatype, nint op, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Reduce_scatter_block")]
    public static partial int ReduceScatterBlock(void* send, void* receive, int receiveCount, nint datatype, nint op, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Allgather")]
    public static partial int Allgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Allgatherv")]
    public static partial int Allgatherv(
        void* send, int sendCount, nint sendType, void* receive, int* receiveCounts, int* displacements, nint receiveType, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Bcast")]
    public static partial int Bcast(void* buffer, int count, nint datatype, int root, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Barrier")]
    public static partial int Barrier(nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Sendrecv")]
    public static partial int Sendrecv(
        void* send, int sendCount, nint sendType, int destination, int sendTag,
        void* receive, int receiveCount, nint receiveType, int source, int receiveTag, nint comm, void* status);

    /// <summary>Open MPI's persistent collective (the MPI-4 call, as the <c>pcollreq</c> extension of Open MPI 4).</summary>
    [LibraryImport(Library, EntryPoint = "MPIX_Reduce_scatter_block_init")]
    public static partial int ReduceScatterBlockInit(
        void* send, void* receive, int receiveCount, nint datatype, nint op, nint comm, nint info, nint* request);

    [LibraryImport(Library, EntryPoint = "MPIX_Allgather_init")]
    public static partial int AllgatherInit(
        void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint comm, nint info, nint* request);

    [LibraryImport(Library, EntryPoint = "MPI_Start")]
    public static partial int Start(nint* request);

    [LibraryImport(Library, EntryPoint = "MPI_Wait")]
    public static partial int Wait(nint* request, void* status);

    [LibraryImport(Library, EntryPoint = "MPI_Request_free")]
    public static partial int RequestFree(nint* request);

    [LibraryImport(Library, EntryPoint = "MPI_Error_string")]
    public static partial int ErrorString(int code, byte* text, int* length);

    /// <summary>Throws <see cref="MpiException"/> for a return code other than <c>MPI_SUCCESS</c>.</summary>
    public static void Check(int code, string call)
    {
        if (code != 0)
        {
            throw new MpiException(call, code, Describe(code));
        }
    }

    private static string Describe(int code)
    {
        const int MaxErrorString = 256; // MPI_MAX_ERROR_STRING in Open MPI 4
        byte* text = stackalloc byte[MaxErrorString];
        int length;
        return ErrorString(code, text, &length) == 0 ? System.Text.Encoding.ASCII.GetString(text, length) : $"error {code}";
    }

    /// <summary>The exported objects whose addresses are Open MPI's predefined handles.</summary>
    public sealed class Handles
    {
        private Handles(nint library)
        {
            CommWorld = NativeLibrary.GetExport(library, "ompi_mpi_comm_world");
            Float = NativeLibrary.GetExport(library, "ompi_mpi_float");
            Double = NativeLibrary.GetExport(library, "ompi_mpi_double");
            UnsignedInt = NativeLibrary.GetExport(library, "ompi_mpi_unsigned");
            Byte = NativeLibrary.GetExport(library, "ompi_mpi_byte");
            Sum = NativeLibrary.GetExport(library, "ompi_mpi_op_sum");
            Max = NativeLibrary.GetExport(library, "ompi_mpi_op_max");
            ErrorsReturn = NativeLibrary.GetExport(library, "ompi_mpi_errors_return");
            InfoNull = NativeLibrary.GetExport(library, "ompi_mpi_info_null");
        }

        public nint InfoNull { get; }

        public nint CommWorld { get; }

        public nint Float { get; }

        public nint Double { get; }

        /// <summary><c>MPI_UNSIGNED</c>: 32-bit words.</summary>
        public nint UnsignedInt { get; }

        public nint Byte { get; }

        public nint Sum { get; }

        public nint Max { get; }

        public nint ErrorsReturn { get; }

        public static Handles Load()
        {
            if (!NativeLibrary.TryLoad(Library, typeof(OpenMpi).Assembly, null, out nint library))
            {
                throw new DllNotFoundException(
                    $"Open MPI's {Library} was not found. Install Open MPI 4 (Debian and Ubuntu: apt-get install openmpi-bin) and start the program with mpirun.");
            }

            return new Handles(library);
        }
    }
}
