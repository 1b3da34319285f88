// The Studies module is being written (issue 4); this file keeps the target buildable until then.
