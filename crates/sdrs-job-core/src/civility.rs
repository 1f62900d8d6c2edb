//! Keeping a page that watches many jobs civil to the service, as pure bookkeeping: at most
//! `limit` requests in flight across every watch of the page (default
//! [`DEFAULT_MAX_IN_FLIGHT`]), first come first served, and one 429 or 503 from a host
//! slowing every watch of that host (for its `Retry-After` up to 30 s, else 2 s doubling).
//!
//! Each watch already has at most one request in flight and stops asking once its job
//! ended ([`crate::poll`]); this adds what no single watch can see. A request takes a slot
//! with [`Civility::start`] (or joins the queue and is handed the next free slot, in
//! order), gives it back with [`Civility::finish`], which says which waiting request is
//! handed the slot. The wasm driver maps tickets to promises; nothing here knows a clock
//! but the `now_ms` it is given.

use std::collections::{BTreeMap, VecDeque};

/// Requests in flight at once, across a page, unless set otherwise: a browser's own limit
/// per host is 6, and the API gateway's rate limits are per account.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 4;

/// The first slow-down after a 429 or 503 without `Retry-After`, doubled for each one in a
/// row up to [`MAX_SLOW_DOWN_MS`].
pub const FIRST_SLOW_DOWN_MS: u64 = 2_000;

/// The longest `Retry-After` shared with the other watches of a host. The watch that got a
/// longer one honours it itself ([`crate::poll`]: beyond its budget it stops at once); the
/// others slow down as for an answer without one, so one absurd header (`Retry-After:
/// 999999`) never stalls every watch of the page for days.
pub const MAX_SLOW_DOWN_MS: u64 = 30_000;

/// One request waiting for a slot.
pub type Ticket = u64;

/// Whether a request may go now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// It holds a slot: send it, then [`Civility::finish`].
    Go,
    /// Its host asked to slow down: ask again at `at_ms` (it holds no slot).
    NotBefore {
        /// When the host may be asked again (epoch ms).
        at_ms: i64,
    },
    /// Every slot is taken: it waits with this ticket until [`Civility::finish`] hands it
    /// one (or it gives up with [`Civility::leave`]).
    Queued(Ticket),
}

/// What the answer to a request said about its host's load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// An answer that says nothing about load (a job, a 404, a network error).
    Fine,
    /// 429 or 503: slow every watch of this host, for `retry_after_ms` if it said.
    SlowDown {
        /// The answer's `Retry-After`, in ms.
        retry_after_ms: Option<u64>,
    },
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Pace {
    not_before_ms: i64,
    strikes: u32,
}

/// The page's requests in flight, its queue, and each host's pace.
#[derive(Debug, Clone)]
pub struct Civility {
    limit: usize,
    in_flight: usize,
    queue: VecDeque<Ticket>,
    next_ticket: Ticket,
    /// Tickets handed a slot, not yet taken up ([`Civility::take`]).
    handed: Vec<Ticket>,
    hosts: BTreeMap<String, Pace>,
    most_in_flight: usize,
}

impl Default for Civility {
    fn default() -> Self {
        Civility::new(DEFAULT_MAX_IN_FLIGHT)
    }
}

impl Civility {
    /// At most `limit` requests in flight (at least 1).
    pub fn new(limit: usize) -> Civility {
        Civility {
            limit: limit.max(1),
            in_flight: 0,
            queue: VecDeque::new(),
            next_ticket: 0,
            handed: Vec::new(),
            hosts: BTreeMap::new(),
            most_in_flight: 0,
        }
    }

    /// The limit.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Sets the limit (at least 1); requests in flight over a lowered limit finish as they
    /// are, and no new one starts until the count is under it. Returns the queued tickets a
    /// raised limit hands a slot.
    pub fn set_limit(&mut self, limit: usize) -> Vec<Ticket> {
        self.limit = limit.max(1);
        let mut handed = Vec::new();
        while self.in_flight < self.limit {
            let Some(next) = self.queue.pop_front() else { break };
            self.in_flight += 1;
            self.most_in_flight = self.most_in_flight.max(self.in_flight);
            self.handed.push(next);
            handed.push(next);
        }
        handed
    }

    /// Requests in flight now (slots handed and not yet taken up count).
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// The most requests ever in flight at once.
    pub fn most_in_flight(&self) -> usize {
        self.most_in_flight
    }

    /// Requests waiting for a slot.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// When `host` may be asked again (none: now).
    pub fn not_before(&self, host: &str, now_ms: i64) -> Option<i64> {
        self.hosts.get(host).map(|pace| pace.not_before_ms).filter(|&at| at > now_ms)
    }

    /// A request to `host` at `now_ms`: go, wait for the host, or queue.
    pub fn start(&mut self, host: &str, now_ms: i64) -> Start {
        if let Some(at_ms) = self.not_before(host, now_ms) {
            return Start::NotBefore { at_ms };
        }
        // Those already waiting go first (a slot handed to one counts as in flight).
        if self.queue.is_empty() && self.in_flight < self.limit {
            self.in_flight += 1;
            self.most_in_flight = self.most_in_flight.max(self.in_flight);
            return Start::Go;
        }
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.queue.push_back(ticket);
        Start::Queued(ticket)
    }

    /// Whether `ticket` was handed a slot; if so it holds it now (send, then
    /// [`Civility::finish`]). Its host may have slowed down meanwhile: then use
    /// [`Civility::start`]'s answer for it, after giving the slot back with `finish`.
    pub fn take(&mut self, ticket: Ticket) -> bool {
        match self.handed.iter().position(|&handed| handed == ticket) {
            Some(at) => {
                self.handed.swap_remove(at);
                true
            }
            None => false,
        }
    }

    /// A queued request that gives up (its watch ended): out of the queue, and a slot it
    /// was handed goes to the next. Returns the ticket handed that slot, if any.
    pub fn leave(&mut self, ticket: Ticket) -> Option<Ticket> {
        self.queue.retain(|&queued| queued != ticket);
        if self.take(ticket) {
            return self.release();
        }
        None
    }

    /// A request that held a slot ended, its answer saying `load` about `host`, at
    /// `now_ms`. Returns the queued ticket now handed the slot, if any.
    pub fn finish(&mut self, host: &str, load: Load, now_ms: i64) -> Option<Ticket> {
        self.tell(host, load, now_ms);
        self.release()
    }

    /// Records what an answer said about `host`'s load (without holding a slot).
    pub fn tell(&mut self, host: &str, load: Load, now_ms: i64) {
        match load {
            Load::Fine => {
                if let Some(pace) = self.hosts.get_mut(host) {
                    pace.strikes = 0;
                }
            }
            Load::SlowDown { retry_after_ms } => {
                let pace = self.hosts.entry(host.to_owned()).or_default();
                pace.strikes = pace.strikes.saturating_add(1);
                let doubled = FIRST_SLOW_DOWN_MS
                    .saturating_mul(1u64 << (pace.strikes - 1).min(20))
                    .min(MAX_SLOW_DOWN_MS);
                let shared = retry_after_ms.filter(|&asked| asked <= MAX_SLOW_DOWN_MS);
                let wait = shared.unwrap_or(doubled) as i64;
                pace.not_before_ms = pace.not_before_ms.max(now_ms.saturating_add(wait));
            }
        }
    }

    /// Gives a held slot back without saying anything of its host (the request was
    /// abandoned, or its host slowed down before it went). Returns the queued ticket now
    /// handed the slot, if any.
    pub fn give_back(&mut self) -> Option<Ticket> {
        self.release()
    }

    fn release(&mut self) -> Option<Ticket> {
        self.in_flight = self.in_flight.saturating_sub(1);
        if self.in_flight >= self.limit {
            return None;
        }
        let next = self.queue.pop_front()?;
        // The slot goes to the next in line: it counts as in flight until taken up.
        self.in_flight += 1;
        self.most_in_flight = self.most_in_flight.max(self.in_flight);
        self.handed.push(next);
        Some(next)
    }
}

/// The host part of a request URL (`scheme://host:port`), the key of its pace; `""` for a
/// URL relative to the page (its own origin).
pub fn host_of(url: &str) -> &str {
    let Some(scheme_end) = url.find("://") else { return "" };
    let rest = &url[scheme_end + 3..];
    let end = rest.find(['/', '?', '#']).map_or(url.len(), |at| scheme_end + 3 + at);
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = "https://sdrs.example.com";

    #[test]
    fn never_more_than_the_limit_and_first_come_first_served() {
        let mut civility = Civility::new(2);
        assert_eq!(civility.start(HOST, 0), Start::Go);
        assert_eq!(civility.start(HOST, 0), Start::Go);
        let first = match civility.start(HOST, 0) {
            Start::Queued(ticket) => ticket,
            other => panic!("{other:?}"),
        };
        let second = match civility.start("http://other", 0) {
            Start::Queued(ticket) => ticket,
            other => panic!("{other:?}"),
        };
        assert_eq!(civility.in_flight(), 2);
        assert_eq!(civility.finish(HOST, Load::Fine, 1), Some(first));
        // A newcomer does not jump the ticket handed the slot.
        assert!(matches!(civility.start(HOST, 1), Start::Queued(_)));
        assert_eq!(civility.in_flight(), 2);
        assert!(civility.take(first));
        assert!(!civility.take(first), "a slot is taken up once");
        // A slot handed and not yet taken up never keeps a free one idle.
        let mut roomy = Civility::new(3);
        assert_eq!(roomy.start(HOST, 0), Start::Go);
        assert_eq!(roomy.start(HOST, 0), Start::Go);
        assert_eq!(roomy.start(HOST, 0), Start::Go);
        let Start::Queued(waiting) = roomy.start(HOST, 0) else { panic!("full") };
        assert_eq!(roomy.finish(HOST, Load::Fine, 0), Some(waiting));
        roomy.set_limit(4);
        assert_eq!(roomy.start(HOST, 0), Start::Go, "a free slot goes at once");
        assert_eq!(civility.finish(HOST, Load::Fine, 2), Some(second));
        assert_eq!(civility.most_in_flight(), 2);
    }

    #[test]
    fn a_waiting_request_that_gives_up_passes_its_slot_on() {
        let mut civility = Civility::new(1);
        assert_eq!(civility.start(HOST, 0), Start::Go);
        let (Start::Queued(a), Start::Queued(b)) =
            (civility.start(HOST, 0), civility.start(HOST, 0))
        else {
            panic!("both wait")
        };
        assert_eq!(civility.leave(b), None, "left the queue before its turn");
        assert_eq!(civility.finish(HOST, Load::Fine, 1), Some(a));
        assert_eq!(civility.leave(a), None, "handed, given up, nobody else waits");
        assert_eq!(civility.in_flight(), 0);
        assert_eq!(civility.start(HOST, 2), Start::Go);
    }

    #[test]
    fn one_slow_down_slows_every_request_to_that_host_only() {
        let mut civility = Civility::default();
        assert_eq!(civility.start(HOST, 0), Start::Go);
        assert_eq!(
            civility.finish(HOST, Load::SlowDown { retry_after_ms: Some(7_000) }, 1_000),
            None
        );
        assert_eq!(civility.start(HOST, 1_500), Start::NotBefore { at_ms: 8_000 });
        assert_eq!(civility.start("http://other:8080", 1_500), Start::Go);
        assert_eq!(civility.start(HOST, 8_000), Start::Go);
        assert_eq!(civility.finish(HOST, Load::Fine, 9_000), None);
        // Without Retry-After: 2 s, 4 s, ... up to 30 s; an ordinary answer starts over.
        civility.tell(HOST, Load::SlowDown { retry_after_ms: None }, 10_000);
        assert_eq!(civility.not_before(HOST, 10_000), Some(12_000));
        civility.tell(HOST, Load::SlowDown { retry_after_ms: None }, 12_000);
        assert_eq!(civility.not_before(HOST, 12_000), Some(16_000));
        for _ in 0..10 {
            civility.tell(HOST, Load::SlowDown { retry_after_ms: None }, 20_000);
        }
        assert_eq!(civility.not_before(HOST, 20_000), Some(50_000));
        civility.tell(HOST, Load::Fine, 60_000);
        civility.tell(HOST, Load::SlowDown { retry_after_ms: None }, 60_000);
        assert_eq!(civility.not_before(HOST, 60_000), Some(62_000));
        // An absurd Retry-After slows the others as an answer without one does, not for days.
        civility.tell(HOST, Load::Fine, 100_000);
        civility.tell(HOST, Load::SlowDown { retry_after_ms: Some(999_999_000) }, 100_000);
        assert_eq!(civility.not_before(HOST, 100_000), Some(102_000));
        civility.tell(HOST, Load::SlowDown { retry_after_ms: Some(30_000) }, 100_000);
        assert_eq!(civility.not_before(HOST, 100_000), Some(130_000));
        civility.tell(HOST, Load::SlowDown { retry_after_ms: None }, i64::MAX - 10);
        assert_eq!(civility.not_before(HOST, 0), Some(i64::MAX), "saturates, never wraps");
    }

    #[test]
    fn a_lowered_limit_holds_new_requests_until_under_it() {
        let mut civility = Civility::new(3);
        for _ in 0..3 {
            assert_eq!(civility.start(HOST, 0), Start::Go);
        }
        assert_eq!(civility.set_limit(1), Vec::<Ticket>::new());
        let Start::Queued(ticket) = civility.start(HOST, 0) else { panic!("waits") };
        assert_eq!(civility.finish(HOST, Load::Fine, 0), None);
        assert_eq!(civility.finish(HOST, Load::Fine, 0), None);
        assert_eq!(civility.finish(HOST, Load::Fine, 0), Some(ticket));
        assert_eq!(Civility::new(0).limit(), 1);
        // A raised limit hands the waiting requests their slots at once.
        let mut civility = Civility::new(1);
        assert_eq!(civility.start(HOST, 0), Start::Go);
        let (Start::Queued(a), Start::Queued(b)) =
            (civility.start(HOST, 0), civility.start(HOST, 0))
        else {
            panic!("both wait")
        };
        assert_eq!(civility.set_limit(4), vec![a, b]);
        assert_eq!(civility.in_flight(), 3);
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            host_of("https://sdrs.example.com:8443/v1/p/jobs/j"),
            "https://sdrs.example.com:8443"
        );
        assert_eq!(host_of("http://127.0.0.1:9/"), "http://127.0.0.1:9");
        assert_eq!(host_of("http://h?x=1"), "http://h");
        assert_eq!(host_of("http://h"), "http://h");
        assert_eq!(host_of("/v1/p/jobs/j"), "");
    }
}
