namespace Messaging.Storage.Tables;

/// <summary>How an update or upsert treats properties the sent entity does not have.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the sent properties change (HTTP <c>MERGE</c>).</summary>
    Merge = 0,

    /// <summary>Drop them: the stored entity becomes exactly the sent one (HTTP <c>PUT</c>).</summary>
    Replace = 1,
}
