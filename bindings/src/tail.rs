//! A byte buffer that keeps only the last `cap` bytes written to it (the child's stderr tail).

#[derive(Debug)]
pub struct TailBuffer {
    buf: Vec<u8>,
    cap: usize,
}

impl TailBuffer {
    pub fn new(cap: usize) -> Self {
        TailBuffer {
            buf: Vec::new(),
            cap,
        }
    }

    pub fn push(&mut self, data: &[u8]) {
        if data.len() >= self.cap {
            self.buf.clear();
            self.buf.extend_from_slice(&data[data.len() - self.cap..]);
            return;
        }
        self.buf.extend_from_slice(data);
        // Trim lazily, when twice the cap is held: amortized O(1) per byte, no ring arithmetic.
        if self.buf.len() > 2 * self.cap {
            let excess = self.buf.len() - self.cap;
            self.buf.drain(..excess);
        }
    }

    pub fn tail(&self) -> &[u8] {
        &self.buf[self.buf.len().saturating_sub(self.cap)..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_last_cap_bytes() {
        let mut t = TailBuffer::new(10);
        t.push(b"hello ");
        assert_eq!(t.tail(), b"hello ");
        t.push(b"world, ");
        assert_eq!(t.tail(), b"lo world, ");
        for i in 0..100u8 {
            t.push(&[b'a' + i % 26]);
            assert!(t.buf.len() <= 20);
        }
        assert_eq!(t.tail(), b"mnopqrstuv");
        t.push(&[b'x'; 25]);
        assert_eq!(t.tail(), &[b'x'; 10]);
    }

    #[test]
    fn zero_cap_keeps_nothing() {
        let mut t = TailBuffer::new(0);
        t.push(b"abc");
        assert_eq!(t.tail(), b"");
    }
}
