//! Saving bookmarks off the UI thread. The reader never waits for the disk or for another
//! dossier's lock: each save is a job for this thread, and its result comes back as an event.
//! While another dossier holds the lock the status bar says the save is waiting.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::event_loop::Msg;
use crate::app::Event;
use crate::store::{BookmarkStore, Change, SaveError, file::LOCK_TIMEOUT};

/// How long a save tries before it tells the reader it is waiting for the lock.
const QUICK: Duration = Duration::from_millis(150);

pub struct Saver {
    /// What the thread needs, until the first save starts it (most sessions save nothing, and
    /// a thread started at launch was on the first screen's path).
    idle: Option<(Option<BookmarkStore>, Sender<Msg>)>,
    jobs: Option<Sender<Vec<Change>>>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// A saver writing to `store` (none: no data folder, every save fails with the reason). Its
    /// thread starts with the first save.
    pub fn new(store: Option<BookmarkStore>, events: Sender<Msg>) -> Saver {
        Saver {
            idle: Some((store, events)),
            jobs: None,
            thread: None,
        }
    }

    /// Queues a save of every change not yet saved.
    pub fn save(&mut self, changes: Vec<Change>) {
        if let Some((store, events)) = self.idle.take() {
            let (jobs, queue) = mpsc::channel::<Vec<Change>>();
            self.thread = Some(std::thread::spawn(move || work(store.as_ref(), &queue, &events)));
            self.jobs = Some(jobs);
        }
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(changes);
        }
    }

    /// Lets the queued saves finish (each waits at most the lock timeout) and stops the thread.
    pub fn finish(mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn work(store: Option<&BookmarkStore>, queue: &Receiver<Vec<Change>>, events: &Sender<Msg>) {
    while let Ok(mut changes) = queue.recv() {
        // Each job holds every change not yet saved: only the newest needs writing.
        while let Ok(newer) = queue.try_recv() {
            changes = newer;
        }
        let saved = changes.len();
        let result = match store {
            None => Err("no data folder".to_owned()),
            Some(store) => match store.save_within(&changes, QUICK) {
                Err(SaveError::Busy) => {
                    let note = "saving: another dossier holds the bookmarks file; waiting".to_owned();
                    let _ = events.send(Msg::App(Event::SaveWaiting(note)));
                    store.save_within(&changes, LOCK_TIMEOUT).map_err(|e| e.to_string())
                }
                other => other.map_err(|e| e.to_string()),
            },
        };
        let _ = events.send(Msg::App(Event::BookmarksSaved { saved, result }));
    }
}
