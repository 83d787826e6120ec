namespace KafkaActors;

/// <summary>An object that sits in at most one <see cref="IntrusiveList{T}"/>: the links live in the object itself.</summary>
internal abstract class IntrusiveListNode<TSelf> where TSelf : IntrusiveListNode<TSelf>
{
    // Set and cleared by the list only.
    internal TSelf? ListPrevious;
    internal TSelf? ListNext;
    internal bool InList;
}

/// <summary>
/// A doubly linked list whose links are fields of its elements: O(1) add and remove with no allocation,
/// enumerable oldest first when every element must be accounted for. Single-threaded, like its owners.
/// </summary>
internal abstract class IntrusiveList<T> where T : IntrusiveListNode<T>
{
    private T? _head;
    private T? _tail;

    public int Count { get; private set; }

    /// <summary>The oldest node, or null when empty.</summary>
    public T? First => _head;

    public void Add(T node)
    {
        node.InList = true;
        node.ListNext = null;
        node.ListPrevious = _tail;
        if (_tail is not null) _tail.ListNext = node;
        else _head = node;
        _tail = node;
        Count++;
    }

    /// <summary>False when the node is no longer in the list (removed before).</summary>
    public bool TryRemove(T node)
    {
        if (!node.InList) return false;
        node.InList = false;
        if (node.ListPrevious is not null) node.ListPrevious.ListNext = node.ListNext;
        else _head = node.ListNext;
        if (node.ListNext is not null) node.ListNext.ListPrevious = node.ListPrevious;
        else _tail = node.ListPrevious;
        node.ListPrevious = node.ListNext = null;
        Count--;
        return true;
    }

    /// <summary>Removes and returns every node, oldest first.</summary>
    public List<T> RemoveAll()
    {
        var all = new List<T>(Count);
        while (_head is not null)
        {
            all.Add(_head);
            TryRemove(_head);
        }
        return all;
    }

    public IEnumerable<T> Snapshot()
    {
        for (var node = _head; node is not null; node = node.ListNext) yield return node;
    }
}
