; The lisp command's benchmark program: recursion, closures, list building and sorting,
; association lists, n-queens, and an evaluator for expression trees.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (tak x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(define (reverse-onto l acc) (if (null? l) acc (reverse-onto (cdr l) (cons (car l) acc))))
(define (reverse l) (reverse-onto l '()))
(define (iota-from i n acc) (if (= i n) (reverse acc) (iota-from (+ i 1) n (cons i acc))))
(define (iota n) (iota-from 0 n '()))
(define (map f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l)))))
(define (filter p l) (cond ((null? l) '()) ((p (car l)) (cons (car l) (filter p (cdr l)))) (else (filter p (cdr l)))))
(define (fold f acc l) (if (null? l) acc (fold f (f acc (car l)) (cdr l))))
(define (append a b) (if (null? a) b (cons (car a) (append (cdr a) b))))
(define (length l) (fold (lambda (n x) (+ n 1)) 0 l))

; pseudo-random numbers: a linear congruential generator in a closure
(define (make-rng seed)
  (lambda () (set! seed (remainder (+ (* seed 1103) 12345) 1048576)) (quotient seed 16)))

; merge sort and quicksort must agree
(define (split l a b) (if (null? l) (cons a b) (split (cdr l) b (cons (car l) a))))
(define (merge a b)
  (cond ((null? a) b) ((null? b) a)
        ((< (car a) (car b)) (cons (car a) (merge (cdr a) b)))
        (else (cons (car b) (merge a (cdr b))))))
(define (msort l)
  (if (or (null? l) (null? (cdr l))) l
      (let ((halves (split l '() '()))) (merge (msort (car halves)) (msort (cdr halves))))))
(define (qsort l)
  (if (null? l) '()
      (let* ((p (car l)) (rest (cdr l)))
        (append (qsort (filter (lambda (x) (< x p)) rest))
                (cons p (qsort (filter (lambda (x) (not (< x p))) rest)))))))
(define (same? a b) (cond ((null? a) (null? b)) ((null? b) #f) ((= (car a) (car b)) (same? (cdr a) (cdr b))) (else #f)))

; primes by trial division
(define (prime? n d) (cond ((> (* d d) n) #t) ((= 0 (remainder n d)) #f) (else (prime? n (+ d 1)))))
(define (primes-to n) (filter (lambda (k) (prime? k 2)) (cdr (cdr (iota n)))))

; n-queens: count the solutions
(define (safe? q dist placed)
  (cond ((null? placed) #t)
        ((or (= (car placed) q) (= (car placed) (+ q dist)) (= (car placed) (- q dist))) #f)
        (else (safe? q (+ dist 1) (cdr placed)))))
(define (queens-from row n placed)
  (if (= row n) 1
      (fold (lambda (count q) (if (safe? q 1 placed) (+ count (queens-from (+ row 1) n (cons q placed))) count))
            0 (iota n))))

; an evaluator for expression trees with variables in an association list
(define (lookup k env) (cond ((null? env) 0) ((eq? (car (car env)) k) (cdr (car env))) (else (lookup k (cdr env)))))
(define (ev e env)
  (cond ((pair? e)
         (let ((op (car e)) (a (ev (car (cdr e)) env)) (b (ev (car (cdr (cdr e))) env)))
           (cond ((eq? op 'add) (+ a b)) ((eq? op 'mul) (* a b)) ((eq? op 'sub) (- a b)) (else (logxor a b)))))
        ((eq? e 'x) (lookup 'x env)) ((eq? e 'y) (lookup 'y env))
        (else e)))
(define (tree depth rng)
  (if (= depth 0) (let ((r (remainder (rng) 4))) (cond ((= r 0) 'x) ((= r 1) 'y) (else r)))
      (list (car (cdr (cdr (cdr (cdr (list 0 0 0 0 (cond ((= 0 (remainder (rng) 3)) 'add) ((= 0 (remainder (rng) 2)) 'sub) (else 'mul))))))))
            (tree (- depth 1) rng) (tree (- depth 1) rng))))

(define (checksum l) (fold (lambda (h x) (logand (+ (* h 31) x) 16777215)) 7 l))

(define (round k size)
  (let* ((rng (make-rng (+ k 1)))
         (data (map (lambda (i) (rng)) (iota (* 50 size))))
         (sorted (msort data)))
    (display (list 'round k
                   'fib (fib (+ 8 size (remainder k 3)))
                   'tak (tak (+ 4 size) 4 2)
                   'sorted (same? sorted (qsort data)) (checksum sorted)
                   'primes (length (primes-to (+ 10 (* 100 size))))
                   'queens (queens-from 0 (+ 3 (quotient size 2)) '())
                   'expr (ev (tree (+ 3 size) rng) (list (cons 'x k) (cons 'y 3)))))
    (newline)))

; The bench appends `(round k size)` forms; the collector runs between top-level forms.
