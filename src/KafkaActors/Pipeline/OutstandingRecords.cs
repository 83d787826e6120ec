namespace KafkaActors;

/// <summary>
/// Every record the producer actor accepted and has not yet given a terminal outcome. Removing a
/// record is what makes an outcome terminal, and it succeeds once per record: a late report for a
/// record already dead-lettered at shutdown is ignored. Whatever is still here when the actor stops
/// is dead-lettered with reason Shutdown. Producer-actor thread only.
/// </summary>
internal sealed class OutstandingRecords<TKey, TValue, TContext> : IntrusiveList<Submission<TKey, TValue, TContext>>;
