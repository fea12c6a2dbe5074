namespace RefundPortal.Data;

/// <summary>
/// Start-up cannot go on until an operator fixes something outside the app (a database to create, a server to start, a
/// password): the message says what in one line, and the app prints it instead of a stack trace.
/// </summary>
public sealed class DatabaseStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
